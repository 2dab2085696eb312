import { testLoyalty } from '../testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { priceLine, priceOrder } from './pricing.js';

const loyalty = testLoyalty;
const shipping = { cost: 5.99, free_over: 100 };
const line = (unit_price: number, quantity: number) =>
  priceLine({ product_id: 'P', sku: 'P', name: 'P', color: null, size: null, unit_price, quantity });

describe('priceOrder', () => {
  it('charges bronze customers shipping and no discount', () => {
    const totals = priceOrder({
      lines: [line(19.99, 3)],
      tier: 'bronze',
      points_balance: 0,
      redeem_points: 0,
      fulfilment: { type: 'ship' },
      shipping,
      loyalty,
    });
    expect(totals).toEqual({
      subtotal: 59.97,
      tier_discount_rate: 0,
      tier_discount: 0,
      points_redeemed: 0,
      points_discount: 0,
      shipping: 5.99,
      total: 65.96,
      points_earned: 59,
    });
  });

  it('applies the tier discount, then points, with free shipping for gold', () => {
    const totals = priceOrder({
      lines: [line(1299.99, 1)],
      tier: 'gold',
      points_balance: 1000,
      redeem_points: 500,
      fulfilment: { type: 'ship' },
      shipping,
      loyalty,
    });
    expect(totals.tier_discount).toBe(130);
    expect(totals.points_discount).toBe(50);
    expect(totals.shipping).toBe(0);
    expect(totals.total).toBe(1119.99);
    expect(totals.points_earned).toBe(Math.floor(1119 * 1.5));
  });

  it('refuses a redemption above half of the discounted goods', () => {
    expect(() =>
      priceOrder({
        lines: [line(100, 1)],
        tier: 'silver',
        points_balance: 10_000,
        redeem_points: 1000,
        fulfilment: { type: 'pickup', store_id: 'S' },
        shipping,
        loyalty,
      }),
    ).toThrow(AppError);
  });

  it("charges the shop's shipping rate, free from its threshold on the goods", () => {
    const order = (price: number) =>
      priceOrder({
        lines: [line(price, 1)],
        tier: 'bronze',
        points_balance: 0,
        redeem_points: 0,
        fulfilment: { type: 'ship' },
        shipping,
        loyalty,
      });
    expect(order(99.99).shipping).toBe(5.99);
    expect(order(100).shipping).toBe(0);
  });

  it('rounds a discount to the minor unit of the currency: whole yen, no cents', () => {
    const totals = priceOrder({
      lines: [line(1234, 1)],
      tier: 'silver',
      points_balance: 0,
      redeem_points: 0,
      fulfilment: { type: 'ship' },
      shipping: { cost: 500 },
      loyalty: { ...testLoyalty, point_value: 1, digits: 0 },
    });
    expect(totals.tier_discount).toBe(62);
    expect(totals.total).toBe(1234 - 62 + 500);
  });

  it('keeps cents exact over many lines', () => {
    const lines = Array.from({ length: 10 }, () => line(0.1, 3));
    const totals = priceOrder({
      lines,
      tier: 'bronze',
      points_balance: 0,
      redeem_points: 0,
      fulfilment: { type: 'pickup', store_id: 'S' },
      shipping,
      loyalty,
    });
    expect(totals.subtotal).toBe(3);
    expect(totals.total).toBe(3);
  });
});
