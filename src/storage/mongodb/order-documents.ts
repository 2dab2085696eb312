import type { ReturnRequest } from '../../domain/returns.js';
import { ONLINE_LOCATION, type Fulfilment, type Order } from '../../domain/types.js';
import { asJson } from './documents.js';

/** An order as kept: the order, and what its lifecycle did to stock, points and spend (never shown). */
export interface OrderDoc extends Order {
  _id: string;
  /** A client's address: kept while the order is unpaid, for the limits on holding stock. */
  placed_from: string | null;
  /** Its units left stock as sold (paid, or imported as sold); otherwise they are reserved, or back. */
  stock_taken: boolean;
  /** What paying it credited the customer, so that cancelling it reverses exactly that. */
  credited: boolean;
  credited_points: number;
  credited_spend: number;
}

export type OrderState = Pick<
  OrderDoc,
  'placed_from' | 'stock_taken' | 'credited' | 'credited_points' | 'credited_spend'
>;

export const orderDoc = (o: Order, state: OrderState): OrderDoc => ({
  _id: o.order_id,
  order_id: o.order_id,
  user_id: o.user_id,
  items: asJson(o.items),
  status: o.status,
  fulfilment: asJson(o.fulfilment),
  loyalty_tier: o.loyalty_tier,
  subtotal: o.subtotal,
  tier_discount_rate: o.tier_discount_rate,
  tier_discount: o.tier_discount,
  points_redeemed: o.points_redeemed,
  points_discount: o.points_discount,
  shipping: o.shipping,
  tax: o.tax,
  total: o.total,
  points_earned: o.points_earned,
  created_at: o.created_at,
  expires_at: o.expires_at,
  updated_at: o.updated_at,
  carrier: o.carrier,
  tracking_number: o.tracking_number,
  refund_amount: o.refund_amount,
  payment_ref: o.payment_ref,
  payment_url: o.payment_url,
  payment_checkout: o.payment_checkout,
  session_id: o.session_id,
  ...state,
});

export const toOrder = (d: OrderDoc): Order => ({
  order_id: d.order_id,
  user_id: d.user_id,
  items: d.items,
  status: d.status,
  fulfilment: d.fulfilment,
  loyalty_tier: d.loyalty_tier,
  subtotal: d.subtotal,
  tier_discount_rate: d.tier_discount_rate,
  tier_discount: d.tier_discount,
  points_redeemed: d.points_redeemed,
  points_discount: d.points_discount,
  shipping: d.shipping,
  tax: d.tax ?? 0,
  total: d.total,
  points_earned: d.points_earned,
  created_at: d.created_at,
  expires_at: d.expires_at ?? null,
  updated_at: d.updated_at ?? d.created_at,
  carrier: d.carrier ?? null,
  tracking_number: d.tracking_number ?? null,
  refund_amount: d.refund_amount ?? null,
  payment_ref: d.payment_ref ?? null,
  payment_url: d.payment_url ?? null,
  payment_checkout: d.payment_checkout ?? null,
  session_id: d.session_id ?? null,
});

/** Where an order's units come from and go back to: the store it is collected at, or the warehouse. */
export const locationOf = (fulfilment: Fulfilment | null | undefined): string =>
  fulfilment?.type === 'pickup' ? fulfilment.store_id : ONLINE_LOCATION;

export interface ReturnDoc extends ReturnRequest {
  _id: string;
}

export const returnDoc = (r: ReturnRequest): ReturnDoc => ({
  _id: r.return_id,
  return_id: r.return_id,
  order_id: r.order_id,
  user_id: r.user_id,
  status: r.status,
  reason: r.reason,
  lines: asJson(r.lines),
  refund_amount: r.refund_amount,
  points_back: r.points_back,
  points_reversed: r.points_reversed,
  points_shortfall: r.points_shortfall ?? 0,
  instructions: r.instructions ?? null,
  rejection_reason: r.rejection_reason ?? null,
  refund_ref: r.refund_ref ?? null,
  session_id: r.session_id ?? null,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export const toReturn = (d: ReturnDoc): ReturnRequest => ({
  return_id: d.return_id,
  order_id: d.order_id,
  user_id: d.user_id,
  status: d.status,
  reason: d.reason,
  lines: d.lines,
  refund_amount: d.refund_amount,
  points_back: d.points_back,
  points_reversed: d.points_reversed,
  points_shortfall: d.points_shortfall ?? 0,
  instructions: d.instructions ?? null,
  rejection_reason: d.rejection_reason ?? null,
  refund_ref: d.refund_ref ?? null,
  session_id: d.session_id ?? null,
  created_at: d.created_at,
  updated_at: d.updated_at,
});

/** Units of each sku in the returns given, added up over their lines. */
export function unitsReturned(returns: readonly Pick<ReturnRequest, 'lines'>[]): Record<string, number> {
  const units: Record<string, number> = {};
  for (const ret of returns)
    for (const line of ret.lines) units[line.sku] = (units[line.sku] ?? 0) + line.quantity;
  return units;
}

/** Whether two tallies of units agree on every sku (a missing sku counting as none). */
export function sameUnits(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const skus = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...skus].every((sku) => (a[sku] ?? 0) === (b[sku] ?? 0));
}
