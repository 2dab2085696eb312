import { describe, expect, it } from 'vitest';
import { loadShop } from './load-shop.js';
import { createShopContext } from './shop-context.js';

describe('the shop context', () => {
  const ctx = createShopContext(loadShop(undefined), () => new Date('2026-11-30T12:00:00Z'), 'manual');

  it("names the shop's time zone with a time, so nobody has to guess whose morning it is", () => {
    expect(ctx.dateTime('2026-11-30T18:57:00Z')).toMatch(/^Nov 30, 2026, 10:57 AM PST$/);
    expect(ctx.dateTime('2026-07-01T18:57:00Z')).toMatch(/11:57 AM PDT$/);
  });

  it("writes days in the shop's zone, with the year only when it is not this year's", () => {
    // 03:00 UTC on Dec 1 is still Nov 30 in San Francisco.
    expect(ctx.date('2026-12-01T03:00:00Z')).toBe('Nov 30');
    expect(ctx.date('2025-11-03T20:00:00Z')).toBe('Nov 3, 2025');
  });
});
