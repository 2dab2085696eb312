import { describe, expect, it } from 'vitest';
import { ALL_DAYS } from './analytics-pipelines.js';
import { latencyOf } from './conversation-analytics.js';

describe('latencyOf', () => {
  it('lays the turns picked at their ranks out per share, over all days and per day, oldest day first', () => {
    const shares = [0.5, 0.95];
    expect(
      latencyOf(
        [
          { over: '2026-11-01', timed: 3, ms: 8, shares: [0] },
          { over: ALL_DAYS, timed: 4, ms: 8, shares: [0] },
          { over: '2026-11-01', timed: 3, ms: 30, shares: [1] },
          { over: ALL_DAYS, timed: 4, ms: 30, shares: [1] },
          // One turn that day: the same one at every share.
          { over: '2026-10-31', timed: 1, ms: 12, shares: [0, 1] },
        ],
        shares,
      ),
    ).toEqual({
      all: { timed: 4, ms: [8, 30] },
      by_day: [
        { day: '2026-10-31', timed: 1, ms: [12, 12] },
        { day: '2026-11-01', timed: 3, ms: [8, 30] },
      ],
    });
  });

  it('answers none timed with no times', () => {
    expect(latencyOf([], [0.5])).toEqual({ all: { timed: 0, ms: [] }, by_day: [] });
  });
});
