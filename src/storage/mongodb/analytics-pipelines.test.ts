import type { Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { widestInstants, type DayRange } from '../../domain/days.js';
import {
  funnelPipeline,
  handoffsPipeline,
  intentsPipeline,
  latencyPipeline,
  statusTotalsPipeline,
  turnsByDayPipeline,
} from './analytics-pipelines.js';
import { COLLECTIONS } from './schema.js';

const days: DayRange = { from: '2026-10-31', to: '2026-11-02', timeZone: 'America/Los_Angeles' };
const window = widestInstants(days);

/** The fields a $match can seek an index on, in order: its equalities, then its range. */
function seekFields(match: Record<string, unknown>): string[] {
  const isRange = (v: unknown) => typeof v === 'object' && v !== null && '$gte' in v;
  const equal = Object.keys(match).filter((k) => typeof match[k] !== 'object' || match[k] === null);
  return [...equal, ...Object.keys(match).filter((k) => isRange(match[k]))];
}

/** Whether an index of the collection starts with exactly these fields. */
const indexed = (collection: string, fields: string[]) =>
  (COLLECTIONS[collection] ?? []).some(
    (index) => Object.keys(index.key).slice(0, fields.length).join() === fields.join(),
  );

describe('analytics pipelines', () => {
  it.each([
    ['conversation_messages', turnsByDayPipeline(days), ['role', 'timestamp']],
    ['conversation_messages', intentsPipeline(days), ['role', 'timestamp']],
    ['conversation_messages', latencyPipeline(days, [0.5]), ['role', 'timestamp']],
    ['conversation_messages', funnelPipeline(days, ['paid']), ['role', 'timestamp']],
    ['conversation_events', handoffsPipeline(days), ['type', 'at']],
    ['orders', statusTotalsPipeline(days), ['created_at']],
  ])('start on an index of %s, at the instants that hold the range', (collection, pipeline, fields) => {
    const match = (pipeline[0] as { $match: Record<string, unknown> }).$match;
    expect(seekFields(match)).toEqual(fields);
    expect(indexed(collection, fields)).toBe(true);
    expect(match[fields.at(-1)!]).toEqual({ $gte: window.start, $lt: window.end });
  });

  it("keep what falls on the range's days in the shop's zone, and only that", () => {
    const [, day, kept] = handoffsPipeline(days);
    expect(day).toEqual({
      $set: {
        day: {
          $dateToString: {
            date: { $dateFromString: { dateString: '$at', onError: null } },
            format: '%Y-%m-%d',
            timezone: 'America/Los_Angeles',
          },
        },
      },
    });
    expect(kept).toEqual({ $match: { day: { $gte: '2026-10-31', $lte: '2026-11-02' } } });
  });

  it("look a conversation's orders up on an index, those placed on the range's days", () => {
    const lookup = funnelPipeline(days, ['paid']).find((s: Document) => s.$lookup)!.$lookup as Document;
    expect(lookup).toMatchObject({ from: 'orders', localField: '_id', foreignField: 'session_id' });
    const placed = (lookup.pipeline as Document[])[0]!.$match as Record<string, unknown>;
    expect(indexed('orders', ['session_id', ...seekFields(placed)])).toBe(true);
    expect(placed).toEqual({ created_at: { $gte: window.start, $lt: window.end } });
  });

  it('total every order when no days are given', () => {
    const [group] = statusTotalsPipeline();
    expect(group).toMatchObject({ $group: { _id: '$status', count: { $sum: 1 } } });
  });
});
