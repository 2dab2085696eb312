import { describe, expect, it } from 'vitest';
import { TEST_PROGRAM } from '../testing/fixtures.js';
import { creditSale, goodsPaid, reverseSale, type LoyaltyAccount } from './sale-credit.js';

const silver: LoyaltyAccount = { loyalty_points: 200, total_spent: 1500, loyalty_tier: 'silver' };

describe('what a sale credits and what taking it back reverses', () => {
  it('counts only what was paid for goods as spend: shipping and tax are passed on', () => {
    expect(goodsPaid({ total: 1128.36, shipping: 5.99, tax: 92.38 })).toBe(1029.99);
  });

  it('credits the points earned and the goods as spend, moving the tier with the spend', () => {
    const order = { total: 600, shipping: 10, tax: 0, points_earned: 737 };
    const { account, credited } = creditSale(silver, order, TEST_PROGRAM.tiers);
    expect(account).toEqual({ loyalty_points: 937, total_spent: 2090, loyalty_tier: 'gold' });
    expect(credited).toEqual({ points: 737, spend: 590 });
  });

  it('reverses what was credited, giving back redeemed points, with the whole refund when the balance covers it', () => {
    const r = reverseSale({
      account: { loyalty_points: 937, total_spent: 2090, loyalty_tier: 'gold' },
      held: 0,
      points_back: 100,
      points_reversed: 737,
      spend_reversed: 590,
      refund: 600,
      program: TEST_PROGRAM,
    });
    expect(r).toEqual({
      account: { loyalty_points: 300, total_spent: 1500, loyalty_tier: 'silver' },
      points_shortfall: 0,
      shortfall_amount: 0,
      refund: 600,
    });
  });

  it('keeps the worth of earned points spent since from the refund, never below zero', () => {
    const base = {
      account: { ...silver, loyalty_points: 100 },
      held: 0,
      points_back: 0,
      points_reversed: 300,
      spend_reversed: 0,
      program: TEST_PROGRAM,
    };
    expect(reverseSale({ ...base, refund: 980 })).toMatchObject({
      account: { loyalty_points: 0 },
      points_shortfall: 200,
      shortfall_amount: 20,
      refund: 960,
    });
    expect(reverseSale({ ...base, refund: 5 })).toMatchObject({ shortfall_amount: 5, refund: 0 });
  });

  it("counts points the customer's unpaid orders hold as theirs: they are not spent", () => {
    // 900 earned on the order taken back; an unpaid order holds 1000 of the points.
    const r = reverseSale({
      account: { ...silver, loyalty_points: 400 },
      held: 1000,
      points_back: 0,
      points_reversed: 900,
      spend_reversed: 0,
      refund: 1000,
      program: TEST_PROGRAM,
    });
    expect(r).toMatchObject({ account: { loyalty_points: -500 }, points_shortfall: 0, refund: 1000 });
    // Beyond what they hold, the rest was spent: it comes off the refund, and the balance owes only the hold.
    const past = reverseSale({
      account: { ...silver, loyalty_points: 0 },
      held: 100,
      points_back: 0,
      points_reversed: 300,
      spend_reversed: 0,
      refund: 1000,
      program: TEST_PROGRAM,
    });
    expect(past).toMatchObject({ account: { loyalty_points: -100 }, points_shortfall: 200, refund: 980 });
  });

  it('leaves a balance already below zero owing what it owed: a reversal charges only its own shortfall', () => {
    const owing = { ...silver, loyalty_points: -900 };
    const base = { account: owing, held: 0, spend_reversed: null, program: TEST_PROGRAM };
    // An unpaid order lapsing with nothing redeemed does not wipe the debt.
    expect(reverseSale({ ...base, points_back: 0, points_reversed: 0, refund: 0 })).toMatchObject({
      account: { loyalty_points: -900 },
      points_shortfall: 0,
    });
    // Points coming back pay it off first.
    expect(
      reverseSale({ ...base, points_back: 300, points_reversed: 0, refund: 0 }).account.loyalty_points,
    ).toBe(-600);
    // A paid order taken back charges its own earned points, not the old debt, against its refund.
    expect(reverseSale({ ...base, points_back: 0, points_reversed: 100, refund: 500 })).toMatchObject({
      account: { loyalty_points: -900 },
      points_shortfall: 100,
      refund: 490,
    });
  });

  it("rounds the points' worth to the currency's minor unit: whole yen", () => {
    const r = reverseSale({
      account: { ...silver, loyalty_points: 0 },
      held: 0,
      points_back: 0,
      points_reversed: 7,
      spend_reversed: null,
      refund: 1000,
      program: { ...TEST_PROGRAM, point_value: 0.5, digits: 0 },
    });
    // 7 points at 0.5 yen is 3.5 yen: 4 yen kept, not 3.50.
    expect(r).toMatchObject({ points_shortfall: 7, shortfall_amount: 4, refund: 996 });
  });

  it('leaves spend and tier alone when nothing was credited (an unpaid order lapsing)', () => {
    const r = reverseSale({
      account: { ...silver, loyalty_points: 100 },
      held: 0,
      points_back: 250,
      points_reversed: 0,
      spend_reversed: null,
      refund: 0,
      program: TEST_PROGRAM,
    });
    expect(r.account).toEqual({ loyalty_points: 350, total_spent: 1500, loyalty_tier: 'silver' });
  });
});
