import { testLoyalty } from '../testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import {
  checkRedemption,
  maxRedeemablePoints,
  nextTier,
  pointsEarned,
  tierForSpend,
  tierRule,
} from './loyalty.js';

const settings = testLoyalty;

describe('loyalty rules', () => {
  it.each([
    [0, 'bronze'],
    [499.99, 'bronze'],
    [500, 'silver'],
    [1999.99, 'silver'],
    [2000, 'gold'],
    [4999.99, 'gold'],
    [5000, 'platinum'],
  ] as const)('spend %d is %s', (spent, tier) => {
    expect(tierForSpend(spent, testLoyalty)).toBe(tier);
  });

  it('gives 0/5/10/15 % discounts and free shipping from gold', () => {
    expect(
      ['bronze', 'silver', 'gold', 'platinum'].map((t) => tierRule(t as never, testLoyalty).discount_rate),
    ).toEqual([0, 0.05, 0.1, 0.15]);
    expect(tierRule('silver', testLoyalty).free_shipping).toBe(false);
    expect(tierRule('gold', testLoyalty).free_shipping).toBe(true);
  });

  it('earns 1 point per whole dollar times the tier multiplier', () => {
    expect(pointsEarned(99.99, 'bronze', testLoyalty)).toBe(99);
    expect(pointsEarned(100, 'silver', testLoyalty)).toBe(125);
    expect(pointsEarned(101, 'gold', testLoyalty)).toBe(151);
    expect(pointsEarned(100, 'platinum', testLoyalty)).toBe(200);
    expect(pointsEarned(-5, 'platinum', testLoyalty)).toBe(0);
  });

  it('tells the distance to the next tier', () => {
    expect(nextTier(1234.56, testLoyalty)).toEqual({ tier: 'gold', amount_needed: 765.44 });
    expect(nextTier(5000, testLoyalty)).toBeNull();
  });

  it('caps redemption at half the order and the balance, from the minimum', () => {
    expect(maxRedeemablePoints(100, 10_000, settings)).toBe(500);
    expect(maxRedeemablePoints(1000, 300, settings)).toBe(300);
    expect(maxRedeemablePoints(1000, 99, settings)).toBe(0);
    expect(maxRedeemablePoints(15, 1000, settings)).toBe(0);
  });

  it('explains why a redemption is refused', () => {
    expect(checkRedemption(50, 1000, 500, settings)).toMatchObject({ ok: false, reason: 'BELOW_MINIMUM' });
    expect(checkRedemption(600, 1000, 500, settings)).toMatchObject({
      ok: false,
      reason: 'INSUFFICIENT_POINTS',
    });
    expect(checkRedemption(600, 100, 5000, settings)).toMatchObject({
      ok: false,
      reason: 'EXCEEDS_ORDER_SHARE',
      max_points: 500,
    });
    expect(checkRedemption(250, 1000, 500, settings)).toEqual({ ok: true, points: 250, value: 25 });
  });
});
