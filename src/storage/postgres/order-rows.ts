import type { Order } from '../../domain/types.js';
import type { Query } from './database.js';

/** An order as stored: what the port shows, and what the transactions keep for themselves. */
export interface OrderRow extends Omit<Order, 'updated_at'> {
  updated_at: string | null;
  stock_taken: boolean;
  credited: boolean;
  credited_points: number;
  credited_spend: number;
  /** A client's address: kept for the limits on unpaid orders, never shown with the order. */
  placed_from: string | null;
}

/** The order as the port gives it: the adapter's own columns left out. */
export const toOrder = ({
  placed_from: _a,
  stock_taken: _s,
  credited: _c,
  credited_points: _p,
  credited_spend: _m,
  ...row
}: OrderRow): Order => ({ ...row, updated_at: row.updated_at ?? row.created_at });

/** The columns an order is stored with; its payment page is set apart (setPaymentLink). */
const COLUMNS = [
  'order_id',
  'user_id',
  'status',
  'loyalty_tier',
  'fulfilment',
  'items',
  'subtotal',
  'tier_discount_rate',
  'tier_discount',
  'points_redeemed',
  'points_discount',
  'shipping',
  'tax',
  'total',
  'points_earned',
  'created_at',
  'expires_at',
  'updated_at',
  'session_id',
  'carrier',
  'tracking_number',
  'refund_amount',
  'payment_ref',
  'stock_taken',
  'credited',
  'credited_points',
  'credited_spend',
  'placed_from',
] as const satisfies readonly (keyof OrderRow)[];
const JSONB = new Set<string>(['fulfilment', 'items']);
const INSERT = `INSERT INTO orders (${COLUMNS.join(', ')})
  VALUES (${COLUMNS.map((c, i) => `$${i + 1}${JSONB.has(c) ? '::jsonb' : ''}`).join(', ')})`;

/** Stores a new order; `suffix` (an ON CONFLICT clause) says what a taken id does. */
export const insertOrder = (q: Query, row: Omit<OrderRow, 'payment_url' | 'payment_checkout'>, suffix = '') =>
  q(
    `${INSERT} ${suffix}`,
    COLUMNS.map((c) => (JSONB.has(c) ? JSON.stringify(row[c]) : row[c])),
  );
