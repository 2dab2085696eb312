import { testLoyalty } from '../testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { priceLine, priceOrder, type PriceOrderInput } from './pricing.js';

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
      tax: 0,
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

  describe('tax added on top of prices', () => {
    const order = (changes: Partial<PriceOrderInput>) =>
      priceOrder({
        lines: [line(50, 1)],
        tier: 'bronze',
        points_balance: 1000,
        redeem_points: 0,
        fulfilment: { type: 'ship' },
        shipping,
        loyalty,
        ...changes,
      });
    const salesTax = { rate: 0.0875, on_shipping: false };
    const yen = { ...testLoyalty, point_value: 1, digits: 0 };

    it.each<[string, Partial<PriceOrderInput>, { tax: number; total: number; points_earned: number }]>([
      // 50 x 8.75% = 4.375: half a cent rounds up; shipping is not taxed.
      ['on goods, half a cent up', { tax: salesTax }, { tax: 4.38, total: 60.37, points_earned: 50 }],
      // (50 + 5.99) x 8.75% = 4.899125.
      [
        'on shipping too when the shop says so',
        { tax: { ...salesTax, on_shipping: true } },
        { tax: 4.9, total: 60.89, points_earned: 50 },
      ],
      // 100 less silver 5% less 200 points ($20) = 75 of goods; 75 x 8.75% = 6.5625.
      [
        'after the tier discount and points',
        { lines: [line(100, 1)], tier: 'silver', redeem_points: 200, tax: salesTax },
        { tax: 6.56, total: 87.55, points_earned: 93 },
      ],
      // 1299.99 less gold 10% (130) less 500 points ($50) = 1119.99; gold ships free, so nothing to tax there.
      [
        'with free shipping',
        {
          lines: [line(1299.99, 1)],
          tier: 'gold',
          redeem_points: 500,
          tax: { ...salesTax, on_shipping: true },
        },
        { tax: 98, total: 1217.99, points_earned: 1678 },
      ],
      // 2 x 7.25% is 0.145, which floating point holds as 14.4999... cents.
      [
        'at a half cent floating point would round down',
        {
          lines: [line(2, 1)],
          fulfilment: { type: 'pickup', store_id: 'S' },
          tax: { ...salesTax, rate: 0.0725 },
        },
        { tax: 0.15, total: 2.15, points_earned: 2 },
      ],
      // 1234 less silver 5% (62) = 1172 of goods, 500 shipping: 10% of 1672 is 167.2 yen.
      [
        'in whole yen',
        {
          lines: [line(1234, 1)],
          tier: 'silver',
          shipping: { cost: 500 },
          loyalty: yen,
          tax: { rate: 0.1, on_shipping: true },
        },
        { tax: 167, total: 1839, points_earned: 1465 },
      ],
      ['at a rate of 0', { tax: { ...salesTax, rate: 0 } }, { tax: 0, total: 55.99, points_earned: 50 }],
      ['not at all when prices include it', { tax: null }, { tax: 0, total: 55.99, points_earned: 50 }],
    ])('%s', (_name, changes, expected) => {
      expect(order(changes)).toMatchObject(expected);
    });
  });
});
