import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceOrder } from './pricing.js';
import { checkReturn, largestRemainder, quoteReturn, unitShares } from './returns.js';
import { fromCents, toCents } from './money.js';
import type { Order, OrderLine } from './types.js';
import { testLoyalty } from '../testing/fixtures.js';

const line = (sku: string, unit_price: number, quantity: number): OrderLine => ({
  product_id: sku.split('-')[0]!,
  sku,
  name: sku,
  color: null,
  size: null,
  quantity,
  unit_price,
  line_total: fromCents(toCents(unit_price) * quantity),
});

/** An order priced by the same code checkout uses: gold tier, points redeemed, tax on top. */
function orderOf(lines: OrderLine[], redeem = 300, tax = { rate: 0.0875, on_shipping: true }): Order {
  const totals = priceOrder({
    lines,
    tier: 'gold',
    loyalty: { ...testLoyalty, digits: 2 },
    redeem_points: redeem,
    points_balance: 10_000,
    fulfilment: { type: 'ship' },
    shipping: { cost: 5.99 },
    tax: { ...tax, label: 'Tax' },
  } as Parameters<typeof priceOrder>[0]);
  return {
    ...totals,
    order_id: 'ORD-1',
    user_id: 'u1',
    items: lines,
    status: 'delivered',
    fulfilment: { type: 'ship' },
    loyalty_tier: 'gold',
    created_at: '2026-11-01T10:00:00.000Z',
    expires_at: null,
    updated_at: '2026-11-10T10:00:00.000Z',
    carrier: null,
    tracking_number: null,
    refund_amount: null,
    payment_ref: 'pi_1',
    payment_url: null,
    payment_checkout: null,
    session_id: null,
  };
}

const options = { digits: 2, tax_on_shipping: true };

describe('largest remainder', () => {
  it('splits exactly: the parts add up to the whole and each is within one of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const parts = largestRemainder(total, weights);
          const sum = weights.reduce((a, w) => a + w, 0);
          expect(parts.reduce((a, p) => a + p, 0)).toBe(total);
          parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1));
        },
      ),
    );
  });

  it('gives the leftover units to the largest fractions, the earlier on a tie', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(100, [2, 1])).toEqual([67, 33]);
    expect(largestRemainder(5, [0, 0])).toEqual([0, 0]);
  });
});

describe('return refunds', () => {
  it("returning every unit, in any number of returns, gives back exactly the order's goods, tax and points", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            cents: fc.integer({ min: 5_000, max: 200_000 }),
            quantity: fc.integer({ min: 1, max: 4 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.integer({ min: 1, max: 4 }),
        (spec, pieces) => {
          const lines = spec.map((s, i) => line(`P${i}-X`, s.cents / 100, s.quantity));
          const order = orderOf(lines, 100);
          // Each line goes back in up to `pieces` returns of one or more units.
          const already: Record<string, number> = {};
          let refund = 0;
          let tax = 0;
          let back = 0;
          let reversed = 0;
          for (const l of lines) {
            let left = l.quantity;
            while (left > 0) {
              const q = Math.max(1, Math.min(left, Math.ceil(l.quantity / pieces)));
              const [r] = quoteReturn(order, [{ sku: l.sku, quantity: q }], already, options);
              refund += toCents(r!.refund);
              tax += toCents(r!.tax);
              back += r!.points_back;
              reversed += r!.points_reversed;
              already[l.sku] = (already[l.sku] ?? 0) + q;
              left -= q;
            }
          }
          const shippingTax = toCents(order.tax) - tax;
          // Everything but shipping (and its tax) comes back, to the cent.
          expect(refund).toBe(toCents(order.total) - toCents(order.shipping) - shippingTax);
          expect(shippingTax).toBeGreaterThanOrEqual(0);
          expect(back).toBe(order.points_redeemed);
          expect(reversed).toBe(order.points_earned);
        },
      ),
    );
  });

  it('gives a line its share of the tier discount and points, and its tax on what was paid', () => {
    const order = orderOf([line('SHOE-9', 100, 1), line('SOCK-M', 20, 3)], 300, {
      rate: 0.1,
      on_shipping: false,
    });
    // Subtotal 160; gold 10% off is 16; 300 points at 0.10 are 30; tax 10% of 114.
    expect(order).toMatchObject({ tier_discount: 16, points_discount: 30, tax: 11.4 });
    const [shoe] = quoteReturn(
      order,
      [{ sku: 'SHOE-9', quantity: 1 }],
      {},
      { digits: 2, tax_on_shipping: false },
    );
    expect(shoe).toMatchObject({ tier_discount: 10, points_discount: 18.75, tax: 7.13, refund: 78.38 });
    expect(shoe!.points_back).toBe(Math.round((300 * 100) / 160));
    const shares = unitShares(order, { digits: 2, tax_on_shipping: false });
    expect(shares.flat().reduce((a, s) => a + s.tier, 0)).toBe(1600);
  });

  it('an exchange gives back no money or points', () => {
    const order = orderOf([line('SHOE-9', 100, 1)]);
    const [ex] = quoteReturn(
      order,
      [{ sku: 'SHOE-9', quantity: 1, exchange_for: { sku: 'SHOE-10', color: null, size: '10' } }],
      {},
      options,
    );
    expect(ex).toMatchObject({
      refund: 0,
      points_back: 0,
      points_reversed: 0,
      exchange_for: { sku: 'SHOE-10' },
    });
  });
});

describe('return eligibility', () => {
  const order = orderOf([line('SHOE-9', 100, 2), line('GIFT-1', 25, 1)]);
  const base = {
    order,
    already: {},
    categories: { SHOE: 'shoes', GIFT: 'gift-cards' },
    rules: { window_days: 30, excluded_categories: ['gift-cards'] },
    now: new Date('2026-11-30T10:00:00Z'),
  };
  const check = (over: Partial<Parameters<typeof checkReturn>[0]>) =>
    checkReturn({ ...base, items: [{ sku: 'SHOE-9', quantity: 1 }], ...over })?.code ?? 'ok';

  it('follows the shop rules: delivered, within the window from delivery, returnable category, units left', () => {
    expect(check({})).toBe('ok');
    expect(check({ order: { ...order, status: 'fulfilled' } })).toBe('NOT_DELIVERED');
    expect(check({ now: new Date('2026-12-10T10:00:01Z') })).toBe('WINDOW_CLOSED');
    expect(check({ now: new Date('2026-12-10T09:59:59Z') })).toBe('ok');
    expect(
      check({ rules: { window_days: null, excluded_categories: [] }, now: new Date('2027-06-01') }),
    ).toBe('ok');
    expect(check({ items: [{ sku: 'GIFT-1', quantity: 1 }] })).toBe('NOT_RETURNABLE');
    expect(check({ items: [{ sku: 'HAT-1', quantity: 1 }] })).toBe('NOT_ON_ORDER');
    expect(check({ items: [{ sku: 'SHOE-9', quantity: 3 }] })).toBe('TOO_MANY');
    expect(check({ already: { 'SHOE-9': 2 } })).toBe('TOO_MANY');
    expect(
      check({
        items: [
          { sku: 'SHOE-9', quantity: 1 },
          { sku: 'SHOE-9', quantity: 1 },
        ],
        already: { 'SHOE-9': 1 },
      }),
    ).toBe('TOO_MANY');
    expect(check({ items: [] })).toBe('NO_ITEMS');
  });
});
