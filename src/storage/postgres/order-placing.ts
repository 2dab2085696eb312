import { placedOrder, type PlaceOrderInput, type PlaceOrderResult } from '../../orders/order-store.js';
import { holdRefusal, type HeldUnits } from '../../domain/holds.js';
import type { Query } from './database.js';
import { insertOrder } from './order-rows.js';
import { available, locationOf, lockCustomer, lockStock, Refused, reserve, takeStock } from './sale-locks.js';

/** What a variant's units are held by, for the limits on unpaid orders (domain/holds.ts). */
const HELD_UNITS = `
  SELECT
    coalesce((SELECT quantity FROM stock WHERE sku = $1 AND location_id = $2), 0)
      + coalesce((SELECT sum(quantity) FROM stock_reservations WHERE sku = $1 AND location_id = $2), 0)
      AS on_hand,
    coalesce(sum(CASE WHEN r.location_id = $2 THEN r.quantity END), 0) AS unpaid,
    coalesce(sum(CASE WHEN o.user_id = $3 THEN r.quantity END), 0) AS customer,
    coalesce(sum(CASE WHEN o.placed_from = $4 THEN r.quantity END), 0) AS address
  FROM stock_reservations r JOIN orders o ON o.order_id = r.order_id
  WHERE r.sku = $1 AND o.status = 'pending_payment'`;

const refuse = (result: Exclude<PlaceOrderResult, { ok: true }>) => new Refused(result);

/**
 * Places an order (OrderStore.place) inside a transaction: the cart, the customer, then the stock rows are
 * locked before anything is checked, so what is checked stays true until it commits.
 */
export async function place(q: Query, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  const [cart] = await q<{ version: number }>('SELECT version FROM carts WHERE user_id = $1 FOR UPDATE', [
    input.user_id,
  ]);
  if ((cart?.version ?? 0) !== input.cart_version) throw refuse({ ok: false, reason: 'CART_CHANGED' });
  const customer = await lockCustomer(q, input.user_id);
  if (!customer) throw refuse({ ok: false, reason: 'CART_CHANGED' });
  const [unpaid] = await q<{ n: number }>(
    "SELECT count(*) AS n FROM orders WHERE user_id = $1 AND status = 'pending_payment'",
    [input.user_id],
  );
  if ((unpaid?.n ?? 0) >= input.max_unpaid)
    throw refuse({ ok: false, reason: 'TOO_MANY_UNPAID', limit: input.max_unpaid });
  if (customer.loyalty_points < input.totals.points_redeemed)
    throw refuse({ ok: false, reason: 'INSUFFICIENT_POINTS', balance: customer.loyalty_points });

  const location = locationOf(input);
  await lockStock(
    q,
    location,
    input.lines.map((l) => l.sku),
  );
  const reserved: [string, number][] = [];
  for (const line of input.lines) {
    if (input.holds) {
      // Too few units is said as such, before any limit on holding them.
      const left = await available(q, line.sku, location);
      if (left < line.quantity)
        throw refuse({ ok: false, reason: 'OUT_OF_STOCK', sku: line.sku, available: left });
      const [held] = await q<HeldUnits>(HELD_UNITS, [
        line.sku,
        location,
        input.user_id,
        input.placed_from ?? null,
      ]);
      const refusal = holdRefusal(line.quantity, held!, input.holds);
      if (refusal) throw refuse({ ok: false, reason: 'HOLD_LIMIT', sku: line.sku, ...refusal });
    }
    if (!(await takeStock(q, line.sku, location, line.quantity))) {
      const left = await available(q, line.sku, location);
      throw refuse({ ok: false, reason: 'OUT_OF_STOCK', sku: line.sku, available: left });
    }
    reserved.push([line.sku, line.quantity]);
  }

  const order = placedOrder(input);
  await insertOrder(q, {
    ...order,
    stock_taken: false,
    credited: false,
    credited_points: 0,
    credited_spend: 0,
    placed_from: input.placed_from ?? null,
  });
  // Units set aside for this order: out of what is available, back if it is not paid.
  for (const [sku, quantity] of reserved) await reserve(q, order.order_id, sku, location, quantity);
  // The points it redeems are held now; what it earns, and the spend, wait for payment.
  const points = customer.loyalty_points - order.points_redeemed;
  await q('UPDATE customers SET loyalty_points = $1, updated_at = $2 WHERE user_id = $3', [
    points,
    input.created_at,
    input.user_id,
  ]);
  await q('DELETE FROM cart_items WHERE user_id = $1', [input.user_id]);
  await q('UPDATE carts SET version = version + 1, updated_at = $1 WHERE user_id = $2', [
    input.created_at,
    input.user_id,
  ]);
  return { ok: true, order, customer: { ...customer, loyalty_points: points, updated_at: input.created_at } };
}
