import { describe, expect, it } from 'vitest';
import type { ReturnLine, ReturnRequest } from '../../domain/returns.js';
import type { Order } from '../../domain/types.js';
import {
  locationOf,
  orderDoc,
  returnDoc,
  sameUnits,
  toOrder,
  toReturn,
  unitsReturned,
} from './order-documents.js';

const order: Order = {
  order_id: 'O1',
  user_id: 'u1',
  items: [
    {
      product_id: 'P',
      sku: 'P-M',
      name: 'P',
      color: null,
      size: 'M',
      quantity: 2,
      unit_price: 10,
      line_total: 20,
    },
  ],
  status: 'pending_payment',
  fulfilment: {
    type: 'ship',
    method: undefined,
    address: { line1: '1 Main', city: 'Oslo', postal_code: '1' },
  },
  loyalty_tier: 'bronze',
  subtotal: 20,
  tier_discount_rate: 0,
  tier_discount: 0,
  points_redeemed: 0,
  points_discount: 0,
  shipping: 5,
  tax: 1.25,
  total: 26.25,
  points_earned: 20,
  created_at: '2026-01-01T00:00:00.000Z',
  expires_at: '2026-01-01T01:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  carrier: null,
  tracking_number: null,
  refund_amount: null,
  payment_ref: null,
  payment_url: null,
  payment_checkout: null,
  session_id: 's1',
};
const state = {
  placed_from: '203.0.113.7',
  stock_taken: false,
  credited: false,
  credited_points: 0,
  credited_spend: 0,
};

describe('order documents', () => {
  it('keep what the lifecycle did beside the order, and never show it', () => {
    const doc = orderDoc(order, state);
    expect(doc).toMatchObject({ _id: 'O1', ...state });
    expect(doc.fulfilment).not.toHaveProperty('method');
    const back = toOrder(doc);
    expect(back).toEqual(order);
    for (const kept of ['_id', ...Object.keys(state)]) expect(back).not.toHaveProperty(kept);
  });

  it('read an order from before some fields were kept with their defaults', () => {
    const { tax: _t, updated_at: _u, session_id: _s, ...old } = orderDoc(order, state);
    expect(toOrder(old as never)).toMatchObject({ tax: 0, updated_at: order.created_at, session_id: null });
  });

  it('send a pickup to its store and everything else to the warehouse', () => {
    expect(locationOf({ type: 'pickup', store_id: 'SF1' })).toBe('SF1');
    expect(locationOf({ type: 'ship' })).toBe('online');
    expect(locationOf(undefined)).toBe('online');
  });
});

describe('return documents', () => {
  const line = (sku: string, quantity: number, exchange = false): ReturnLine => ({
    product_id: 'P',
    sku,
    name: 'P',
    color: null,
    size: null,
    quantity,
    unit_price: 10,
    tier_discount: 0,
    points_discount: 0,
    tax: 0,
    refund: exchange ? 0 : 10 * quantity,
    points_back: 0,
    points_reversed: 0,
    exchange_for: exchange ? { sku: `${sku}-X`, color: null, size: 'L' } : null,
  });
  const ret: ReturnRequest = {
    return_id: 'R1',
    order_id: 'O1',
    user_id: 'u1',
    status: 'requested',
    reason: 'too big',
    lines: [line('A', 1), line('B', 2, true)],
    refund_amount: 10,
    points_back: 0,
    points_reversed: 0,
    points_shortfall: 0,
    instructions: null,
    rejection_reason: null,
    refund_ref: null,
    session_id: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };

  it('round-trip a return, keyed by its id', () => {
    expect(returnDoc(ret)._id).toBe('R1');
    expect(toReturn(returnDoc(ret))).toEqual(ret);
  });

  it('add up the units of an order in its returns, and compare tallies sku by sku', () => {
    const units = unitsReturned([ret, { lines: [line('A', 2)] }]);
    expect(units).toEqual({ A: 3, B: 2 });
    expect(sameUnits(units, { B: 2, A: 3 })).toBe(true);
    expect(sameUnits({}, {})).toBe(true);
    expect(sameUnits({ A: 0 }, {})).toBe(true);
    expect(sameUnits(units, { A: 3 })).toBe(false);
    expect(sameUnits({}, { A: 1 })).toBe(false);
  });
});
