import type { OrderTransition, TransitionResult } from '../../orders/order-store.js';
import { ORDER_TRANSITIONS } from '../../domain/order-lifecycle.js';
import { creditSale, reverseSale, type CreditProgram } from '../../domain/sale-credit.js';
import type { Customer, Order, PurchaseRecord } from '../../domain/types.js';
import type { Query } from './database.js';
import { toOrder, type OrderRow } from './order-rows.js';
import { heldPoints, locationOf, lockCustomer, lockStock, putBack, Refused } from './sale-locks.js';

/** Purchases kept on a customer record for personalisation; older ones live on in orders. */
const PURCHASE_HISTORY_LIMIT = 50;

const UPDATE_CUSTOMER = `UPDATE customers SET loyalty_points = $1, total_spent = $2, loyalty_tier = $3,
  past_purchases = $4::jsonb, updated_at = $5 WHERE user_id = $6`;

/** Credits a paid order (see creditSale), and its purchase history and popularity. */
async function credit(q: Query, order: Order, customer: Customer, tiers: CreditProgram['tiers'], at: string) {
  const { account, credited } = creditSale(customer, order, tiers);
  const bought = new Map<string, number>();
  for (const line of order.items)
    bought.set(line.product_id, (bought.get(line.product_id) ?? 0) + line.quantity);
  // Product rows in id order, as every sale takes them.
  const info = new Map<string, { category: string; brand: string }>();
  for (const id of [...bought.keys()].sort()) {
    const [row] = await q<{ category: string; brand: string }>(
      'UPDATE products SET popularity = popularity + $1 WHERE product_id = $2 RETURNING category, brand',
      [bought.get(id), id],
    );
    if (row) info.set(id, row);
  }
  const purchases: PurchaseRecord[] = order.items.map((line) => ({
    product_id: line.product_id,
    name: line.name,
    category: info.get(line.product_id)?.category ?? '',
    brand: info.get(line.product_id)?.brand ?? '',
    price: line.unit_price,
    quantity: line.quantity,
    purchased_at: at,
  }));
  const history = [...purchases, ...customer.past_purchases].slice(0, PURCHASE_HISTORY_LIMIT);
  await q(UPDATE_CUSTOMER, [
    account.loyalty_points,
    account.total_spent,
    account.loyalty_tier,
    JSON.stringify(history),
    at,
    customer.user_id,
  ]);
  return {
    customer: { ...customer, ...account, past_purchases: history, updated_at: at },
    points: credited.points,
    spend: credited.spend,
  };
}

/**
 * Moves an order (OrderStore.transition) inside a transaction, the order locked first and its status
 * checked under the lock: of callers racing to move it, one wins.
 */
export async function transition(q: Query, input: OrderTransition): Promise<TransitionResult> {
  // Locked, then checked: of callers racing to move it, the first wins and the rest see where it went.
  const [row] = await q<OrderRow>('SELECT * FROM orders WHERE order_id = $1 FOR UPDATE', [input.order_id]);
  if (!row) return { ok: false, reason: 'NOT_FOUND' };
  const order = toOrder(row);
  const from = order.status;
  if (!ORDER_TRANSITIONS[from].includes(input.to) || (input.from && input.from !== from))
    return { ok: false, reason: 'INVALID_TRANSITION', from };
  let customer = await lockCustomer(q, order.user_id);
  let stockTaken = row.stock_taken;
  let credited = row.credited;
  let creditedPoints = row.credited_points;
  let creditedSpend = row.credited_spend;
  let refund: { amount: number; points_shortfall: number } | undefined;

  if (input.to === 'paid') {
    // The reservation becomes the sale.
    if (!stockTaken) {
      await lockStock(
        q,
        locationOf(order),
        order.items.map((l) => l.sku),
      );
      await q('DELETE FROM stock_reservations WHERE order_id = $1', [order.order_id]);
    }
    stockTaken = true;
    if (!credited && customer) {
      const done = await credit(q, order, customer, input.program.tiers, input.at);
      customer = done.customer;
      credited = true;
      creditedPoints = done.points;
      creditedSpend = done.spend;
    }
  } else if (input.to === 'cancelled' || input.to === 'expired') {
    const location = locationOf(order);
    const reservations = await q<{ sku: string; location_id: string; quantity: number }>(
      'SELECT sku, location_id, quantity FROM stock_reservations WHERE order_id = $1',
      [order.order_id],
    );
    await lockStock(q, location, [...order.items.map((l) => l.sku), ...reservations.map((r) => r.sku)]);
    if (stockTaken) for (const line of order.items) await putBack(q, line.sku, location, line.quantity);
    else for (const r of reservations) await putBack(q, r.sku, r.location_id, r.quantity);
    await q('DELETE FROM stock_reservations WHERE order_id = $1', [order.order_id]);
    stockTaken = false;
    if (customer) {
      // Held points come back; what it credited goes (see reverseSale).
      const reversal = reverseSale({
        account: customer,
        held: await heldPoints(q, order.user_id, order.order_id),
        points_back: order.points_redeemed,
        points_reversed: credited ? creditedPoints : 0,
        spend_reversed: credited ? creditedSpend : null,
        refund: order.total,
        program: input.program,
      });
      await q(UPDATE_CUSTOMER, [
        reversal.account.loyalty_points,
        reversal.account.total_spent,
        reversal.account.loyalty_tier,
        JSON.stringify(customer.past_purchases),
        input.at,
        customer.user_id,
      ]);
      customer = { ...customer, ...reversal.account, updated_at: input.at };
      if (from !== 'pending_payment')
        refund = { amount: reversal.refund, points_shortfall: reversal.points_shortfall };
    }
    credited = false;
    creditedPoints = 0;
    creditedSpend = 0;
  }
  // A client's address is kept only while the order is unpaid: for the limits on holding stock.
  const [after] = await q<OrderRow>(
    `UPDATE orders SET status = $3, updated_at = $4, carrier = coalesce($5, carrier),
       tracking_number = coalesce($6, tracking_number), payment_ref = coalesce($7, payment_ref),
       refund_amount = coalesce($8, refund_amount), stock_taken = $9, credited = $10, credited_points = $11,
       credited_spend = $12, placed_from = NULL
     WHERE order_id = $1 AND status = $2 RETURNING *`,
    [
      order.order_id,
      from,
      input.to,
      input.at,
      input.carrier ?? null,
      input.tracking_number ?? null,
      input.payment_ref ?? null,
      refund?.amount ?? null,
      stockTaken,
      credited,
      creditedPoints,
      creditedSpend,
    ],
  );
  // Not reached while the order is locked; if it were, what moved above must not stay moved.
  if (!after) throw new Refused<TransitionResult>({ ok: false, reason: 'INVALID_TRANSITION', from });
  return { ok: true, order: toOrder(after), from, customer, ...(refund ? { refund } : {}) };
}
