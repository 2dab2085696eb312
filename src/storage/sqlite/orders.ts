import {
  placedOrder,
  type HistoricalOrder,
  type OrderStore,
  type OrderTransition,
  type PlaceOrderInput,
  type PlaceOrderResult,
  type TransitionResult,
} from '../../orders/order-store.js';
import { holdRefusal } from '../../domain/holds.js';
import { creditSale, goodsPaid, reverseSale, type CreditProgram } from '../../domain/sale-credit.js';
import { fromCents } from '../../domain/money.js';
import {
  ONLINE_LOCATION,
  type Customer,
  type Order,
  type OrderStatus,
  type PurchaseRecord,
} from '../../domain/types.js';
import { ORDER_TRANSITIONS } from '../../domain/order-lifecycle.js';

import { toCustomer } from './customers.js';
import { json, type Db } from './database.js';
import { dayParams, onDays, ZONES, type DayParams } from './shop-days.js';

/** Purchases kept on a customer record for personalisation; older ones live on in orders. */
const PURCHASE_HISTORY_LIMIT = 50;

interface OrderRow extends Omit<Order, 'items' | 'fulfilment' | 'updated_at'> {
  items: string;
  fulfilment: string;
  updated_at: string | null;
  stock_taken: number;
  credited: number;
  credited_points: number;
  credited_spend: number;
  /** A client's address: kept for the limits on unpaid orders, never shown with the order. */
  placed_from: string | null;
}

const toOrder = ({
  placed_from: _a,
  stock_taken: _s,
  credited: _c,
  credited_points: _p,
  credited_spend: _m,
  ...row
}: OrderRow): Order => ({
  ...row,
  items: json(row.items),
  fulfilment: json(row.fulfilment),
  updated_at: row.updated_at ?? row.created_at,
});

const locationOf = (order: { fulfilment: Order['fulfilment'] }) =>
  order.fulfilment.type === 'pickup' ? order.fulfilment.store_id : ONLINE_LOCATION;

/**
 * Points a customer's unpaid orders hold (other than `except`): still theirs, not spent (reverseSale).
 * Read inside the transactions that reverse a sale, by the order and the return stores alike.
 */
export function heldPointsReader(db: Db): (userId: string, except?: string) => number {
  const stmt = db.prepare<[string, string], { held: number }>(
    `SELECT coalesce(sum(points_redeemed), 0) AS held FROM orders
     WHERE user_id = ? AND status = 'pending_payment' AND order_id != ?`,
  );
  return (userId, except = '') => stmt.get(userId, except)?.held ?? 0;
}

interface TotalRow {
  status: string;
  count: number;
  cents: number;
}

/** Thrown inside the transaction to roll it back with a result to report. */
class Refused {
  constructor(readonly result: Exclude<PlaceOrderResult, { ok: true }>) {}
}

export function createSqliteOrderStore(db: Db): OrderStore {
  const versionStmt = db.prepare<[string], { version: number }>(
    'SELECT version FROM carts WHERE user_id = ?',
  );
  const customerStmt = db.prepare('SELECT * FROM customers WHERE user_id = ?');
  const takeStockStmt = db.prepare(
    'UPDATE stock SET quantity = quantity - ? WHERE sku = ? AND location_id = ? AND quantity >= ?',
  );
  const stockStmt = db.prepare<[string, string], { quantity: number }>(
    'SELECT quantity FROM stock WHERE sku = ? AND location_id = ?',
  );
  const insertStmt = db.prepare(
    `INSERT INTO orders (order_id, user_id, status, loyalty_tier, fulfilment, items, subtotal, tier_discount_rate,
       tier_discount, points_redeemed, points_discount, shipping, tax, total, points_earned, created_at,
       expires_at, updated_at, session_id, placed_from)
     VALUES (@order_id, @user_id, @status, @loyalty_tier, @fulfilment, @items, @subtotal, @tier_discount_rate,
       @tier_discount, @points_redeemed, @points_discount, @shipping, @tax, @total, @points_earned, @created_at,
       @expires_at, @updated_at, @session_id, @placed_from)`,
  );
  // What a variant's units are held by, for the limits on unpaid orders (domain/holds.ts).
  const heldUnitsStmt = db.prepare<
    { sku: string; location: string; user_id: string; address: string | null },
    { on_hand: number; unpaid: number; customer: number; address: number }
  >(
    `SELECT
       coalesce((SELECT quantity FROM stock WHERE sku = @sku AND location_id = @location), 0)
         + coalesce((SELECT sum(quantity) FROM stock_reservations WHERE sku = @sku AND location_id = @location), 0)
         AS on_hand,
       coalesce(sum(CASE WHEN r.location_id = @location THEN r.quantity END), 0) AS unpaid,
       coalesce(sum(CASE WHEN o.user_id = @user_id THEN r.quantity END), 0) AS customer,
       coalesce(sum(CASE WHEN o.placed_from = @address THEN r.quantity END), 0) AS address
     FROM stock_reservations r JOIN orders o ON o.order_id = r.order_id
     WHERE r.sku = @sku AND o.status = 'pending_payment'`,
  );
  const historyStmt = db.prepare(
    `UPDATE orders SET carrier = @carrier, tracking_number = @tracking_number, refund_amount = @refund_amount,
       payment_ref = @payment_ref, stock_taken = @stock_taken, credited = @credited,
       credited_points = @credited_points, credited_spend = @credited_spend
     WHERE order_id = @order_id`,
  );
  const addressStmt = db.prepare(
    // updated_at says when the order last moved along its lifecycle ("shipped Nov 29"): not touched here.
    `UPDATE orders SET fulfilment = @fulfilment
     WHERE order_id = @order_id AND status IN (SELECT value FROM json_each(@statuses))`,
  );
  const paymentLinkStmt = db.prepare(
    'UPDATE orders SET payment_url = ?, payment_checkout = ? WHERE order_id = ?',
  );
  const unpaidStmt = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM orders WHERE user_id = ? AND status = 'pending_payment'",
  );
  const reserveStmt = db.prepare(
    `INSERT INTO stock_reservations (order_id, sku, location_id, quantity) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity`,
  );
  const reservationsStmt = db.prepare<[string], { sku: string; location_id: string; quantity: number }>(
    'SELECT sku, location_id, quantity FROM stock_reservations WHERE order_id = ?',
  );
  const dropReservationsStmt = db.prepare('DELETE FROM stock_reservations WHERE order_id = ?');
  const putBackStmt = db.prepare(
    'UPDATE stock SET quantity = quantity + ? WHERE sku = ? AND location_id = ?',
  );
  const rowStmt = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE order_id = ?');
  // A client's address is kept only while the order is unpaid: for the limits on holding stock.
  const moveStmt = db.prepare(
    `UPDATE orders SET status = @to, updated_at = @at, carrier = coalesce(@carrier, carrier),
       tracking_number = coalesce(@tracking_number, tracking_number), refund_amount = coalesce(@refund, refund_amount),
       payment_ref = coalesce(@payment_ref, payment_ref),
       stock_taken = @stock_taken, credited = @credited, credited_points = @credited_points,
       credited_spend = @credited_spend, placed_from = NULL
     WHERE order_id = @order_id AND status = @from`,
  );
  const paymentEventStmt = db.prepare(
    'INSERT INTO payment_events (event_id, received_at, done) VALUES (?, ?, 0) ON CONFLICT DO NOTHING',
  );
  const eventDoneStmt = db.prepare<[string], { done: number }>(
    'SELECT done FROM payment_events WHERE event_id = ?',
  );
  const finishEventStmt = db.prepare('UPDATE payment_events SET done = 1 WHERE event_id = ?');
  const overdueStmt = db.prepare<[string, number], { order_id: string }>(
    `SELECT order_id FROM orders WHERE status = 'pending_payment' AND expires_at IS NOT NULL AND expires_at <= ?
     ORDER BY expires_at LIMIT ?`,
  );
  // Each total to the cent before summing (toCents), so the sum is whole cents however many there are.
  const totalsStmt = db.prepare<[], TotalRow>(
    'SELECT status, count(*) AS count, sum(round(total * 100)) AS cents FROM orders GROUP BY status ORDER BY status',
  );
  const placedTotalsStmt = db.prepare<[DayParams], TotalRow>(
    `WITH ${ZONES} SELECT status, count(*) AS count, sum(round(total * 100)) AS cents FROM orders
      WHERE ${onDays('created_at')} GROUP BY status ORDER BY status`,
  );
  const listAllStmt = db.prepare<[string | null, string | null, number], OrderRow>(
    'SELECT * FROM orders WHERE (? IS NULL OR status = ?) ORDER BY created_at DESC LIMIT ?',
  );
  const heldPoints = heldPointsReader(db);
  const holdPointsStmt = db.prepare(
    'UPDATE customers SET loyalty_points = ?, updated_at = ? WHERE user_id = ?',
  );
  const updateCustomerStmt = db.prepare(
    `UPDATE customers SET loyalty_points = ?, total_spent = ?, loyalty_tier = ?, past_purchases = ?, updated_at = ?
     WHERE user_id = ?`,
  );
  const popularityStmt = db.prepare('UPDATE products SET popularity = popularity + ? WHERE product_id = ?');
  const productInfoStmt = db.prepare<[string], { category: string; brand: string }>(
    'SELECT category, brand FROM products WHERE product_id = ?',
  );
  const clearCartStmt = db.prepare('DELETE FROM cart_items WHERE user_id = ?');
  const bumpCartStmt = db.prepare('UPDATE carts SET version = version + 1, updated_at = ? WHERE user_id = ?');
  const getStmt = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE order_id = ?');
  const listStmt = db.prepare<[string, number], OrderRow>(
    'SELECT * FROM orders WHERE user_id = ? ORDER BY created_at DESC LIMIT ?',
  );

  const place = db.transaction((input: PlaceOrderInput): PlaceOrderResult => {
    if ((versionStmt.get(input.user_id)?.version ?? 0) !== input.cart_version) {
      throw new Refused({ ok: false, reason: 'CART_CHANGED' });
    }
    const row = customerStmt.get(input.user_id) as Parameters<typeof toCustomer>[0] | undefined;
    if (!row) throw new Refused({ ok: false, reason: 'CART_CHANGED' });
    if ((unpaidStmt.get(input.user_id)?.n ?? 0) >= input.max_unpaid) {
      throw new Refused({ ok: false, reason: 'TOO_MANY_UNPAID', limit: input.max_unpaid });
    }
    const customer = toCustomer(row);
    if (customer.loyalty_points < input.totals.points_redeemed) {
      throw new Refused({ ok: false, reason: 'INSUFFICIENT_POINTS', balance: customer.loyalty_points });
    }

    const location = locationOf(input);
    const reserved: [string, number][] = [];
    for (const line of input.lines) {
      if (input.holds) {
        // Too few units is said as such, before any limit on holding them.
        const available = stockStmt.get(line.sku, location)?.quantity ?? 0;
        if (available < line.quantity)
          throw new Refused({ ok: false, reason: 'OUT_OF_STOCK', sku: line.sku, available });
        const held = heldUnitsStmt.get({
          sku: line.sku,
          location,
          user_id: input.user_id,
          address: input.placed_from ?? null,
        })!;
        const refusal = holdRefusal(line.quantity, held, input.holds);
        if (refusal) throw new Refused({ ok: false, reason: 'HOLD_LIMIT', sku: line.sku, ...refusal });
      }
      if (takeStockStmt.run(line.quantity, line.sku, location, line.quantity).changes === 0) {
        const available = stockStmt.get(line.sku, location)?.quantity ?? 0;
        throw new Refused({ ok: false, reason: 'OUT_OF_STOCK', sku: line.sku, available });
      }
      reserved.push([line.sku, line.quantity]);
    }

    const order = placedOrder(input);
    insertStmt.run({
      ...order,
      items: JSON.stringify(order.items),
      fulfilment: JSON.stringify(order.fulfilment),
      placed_from: input.placed_from ?? null,
    });
    // Units set aside for this order: out of what is available, back if it is not paid.
    for (const [sku, quantity] of reserved) reserveStmt.run(order.order_id, sku, location, quantity);
    // The points it redeems are held now; what it earns, and the spend, wait for payment.
    const points = customer.loyalty_points - order.points_redeemed;
    holdPointsStmt.run(points, input.created_at, input.user_id);
    clearCartStmt.run(input.user_id);
    bumpCartStmt.run(input.created_at, input.user_id);
    return {
      ok: true,
      order,
      customer: { ...customer, loyalty_points: points, updated_at: input.created_at },
    };
  });

  /** Credits a paid order (see creditSale), and its purchase history and popularity. */
  function credit(order: Order, customer: Customer, tiers: CreditProgram['tiers'], at: string) {
    const { account, credited } = creditSale(customer, order, tiers);
    const purchases: PurchaseRecord[] = order.items.map((line) => {
      const info = productInfoStmt.get(line.product_id);
      popularityStmt.run(line.quantity, line.product_id);
      return {
        product_id: line.product_id,
        name: line.name,
        category: info?.category ?? '',
        brand: info?.brand ?? '',
        price: line.unit_price,
        quantity: line.quantity,
        purchased_at: at,
      };
    });
    const history = [...purchases, ...customer.past_purchases].slice(0, PURCHASE_HISTORY_LIMIT);
    updateCustomerStmt.run(
      account.loyalty_points,
      account.total_spent,
      account.loyalty_tier,
      JSON.stringify(history),
      at,
      customer.user_id,
    );
    return {
      customer: { ...customer, ...account, past_purchases: history, updated_at: at },
      points: credited.points,
      spend: credited.spend,
    };
  }

  const transition = db.transaction((input: OrderTransition): TransitionResult => {
    const row = rowStmt.get(input.order_id);
    if (!row) return { ok: false, reason: 'NOT_FOUND' };
    const order = toOrder(row);
    const from = order.status;
    if (!ORDER_TRANSITIONS[from].includes(input.to) || (input.from && input.from !== from))
      return { ok: false, reason: 'INVALID_TRANSITION', from };
    const customerRow = customerStmt.get(order.user_id) as Parameters<typeof toCustomer>[0] | undefined;
    let customer = customerRow ? toCustomer(customerRow) : null;
    let stockTaken = row.stock_taken === 1;
    let credited = row.credited === 1;
    let creditedPoints = row.credited_points;
    let creditedSpend = row.credited_spend;
    let refund: { amount: number; points_shortfall: number } | undefined;

    if (input.to === 'paid') {
      // The reservation becomes the sale.
      if (!stockTaken) dropReservationsStmt.run(order.order_id);
      stockTaken = true;
      if (!credited && customer) {
        const done = credit(order, customer, input.program.tiers, input.at);
        customer = done.customer;
        credited = true;
        creditedPoints = done.points;
        creditedSpend = done.spend;
      }
    } else if (input.to === 'cancelled' || input.to === 'expired') {
      const location = locationOf(order);
      if (stockTaken) for (const line of order.items) putBackStmt.run(line.quantity, line.sku, location);
      else
        for (const r of reservationsStmt.all(order.order_id))
          putBackStmt.run(r.quantity, r.sku, r.location_id);
      dropReservationsStmt.run(order.order_id);
      stockTaken = false;
      if (customer) {
        // Held points come back; what it credited goes (see reverseSale).
        const reversal = reverseSale({
          account: customer,
          held: heldPoints(order.user_id, order.order_id),
          points_back: order.points_redeemed,
          points_reversed: credited ? creditedPoints : 0,
          spend_reversed: credited ? creditedSpend : null,
          refund: order.total,
          program: input.program,
        });
        updateCustomerStmt.run(
          reversal.account.loyalty_points,
          reversal.account.total_spent,
          reversal.account.loyalty_tier,
          JSON.stringify(customer.past_purchases),
          input.at,
          customer.user_id,
        );
        customer = { ...customer, ...reversal.account, updated_at: input.at };
        if (from !== 'pending_payment')
          refund = { amount: reversal.refund, points_shortfall: reversal.points_shortfall };
      }
      credited = false;
      creditedPoints = 0;
      creditedSpend = 0;
    }
    const moved = moveStmt.run({
      order_id: order.order_id,
      from,
      to: input.to,
      at: input.at,
      carrier: input.carrier ?? null,
      tracking_number: input.tracking_number ?? null,
      payment_ref: input.payment_ref ?? null,
      refund: refund?.amount ?? null,
      stock_taken: stockTaken ? 1 : 0,
      credited: credited ? 1 : 0,
      credited_points: creditedPoints,
      credited_spend: creditedSpend,
    });
    if (moved.changes !== 1) return { ok: false, reason: 'INVALID_TRANSITION', from };
    const after = toOrder(rowStmt.get(order.order_id)!);
    return { ok: true, order: after, from, customer, ...(refund ? { refund } : {}) };
  });

  const importHistory = db.transaction((orders: readonly HistoricalOrder[]): number => {
    let added = 0;
    for (const order of orders) {
      if (getStmt.get(order.order_id)) continue;
      const unpaid = order.status === 'pending_payment';
      const sold = order.status === 'paid' || order.status === 'fulfilled' || order.status === 'delivered';
      insertStmt.run({
        ...order,
        items: JSON.stringify(order.items),
        fulfilment: JSON.stringify(order.fulfilment),
        placed_from: null,
      });
      historyStmt.run({
        order_id: order.order_id,
        carrier: order.carrier,
        tracking_number: order.tracking_number,
        refund_amount: order.refund_amount,
        payment_ref: order.payment_ref,
        stock_taken: sold ? 1 : 0,
        credited: sold ? 1 : 0,
        credited_points: sold ? order.points_earned : 0,
        credited_spend: sold ? goodsPaid(order) : 0,
      });
      if (unpaid) {
        // Its units are set aside like any unpaid order's, as far as there are units to set aside.
        const location = locationOf(order);
        for (const line of order.items) {
          if (takeStockStmt.run(line.quantity, line.sku, location, line.quantity).changes === 1)
            reserveStmt.run(order.order_id, line.sku, location, line.quantity);
        }
      }
      added++;
    }
    return added;
  });

  return {
    async importHistory(orders) {
      return importHistory.immediate(orders);
    },
    async changeAddress(input) {
      const row = rowStmt.get(input.order_id);
      if (!row) return null;
      const fulfilment = json<Order['fulfilment']>(row.fulfilment);
      if (fulfilment.type !== 'ship') return null;
      const moved = addressStmt.run({
        order_id: input.order_id,
        statuses: JSON.stringify(input.while),
        fulfilment: JSON.stringify({ ...fulfilment, address: input.address }),
      });
      return moved.changes === 1 ? toOrder(rowStmt.get(input.order_id)!) : null;
    },
    async setPaymentLink(orderId, link) {
      paymentLinkStmt.run(link.url, link.reference, orderId);
    },
    async place(input) {
      try {
        return place.immediate(input);
      } catch (error) {
        if (error instanceof Refused) return error.result;
        throw error;
      }
    },
    async get(orderId) {
      const row = getStmt.get(orderId);
      return row ? toOrder(row) : null;
    },
    async transition(input) {
      return transition.immediate(input);
    },
    async heldPoints(userId) {
      return heldPoints(userId);
    },
    async recordPaymentEvent(eventId, at) {
      paymentEventStmt.run(eventId, at);
      return eventDoneStmt.get(eventId)?.done === 0;
    },
    async finishPaymentEvent(eventId) {
      finishEventStmt.run(eventId);
    },
    async overdue(now, limit) {
      return overdueStmt.all(now, limit).map((r) => r.order_id);
    },
    async list(query = {}) {
      return listAllStmt.all(query.status ?? null, query.status ?? null, query.limit ?? 50).map(toOrder);
    },
    async statusTotals(placed) {
      const rows = placed ? placedTotalsStmt.all(dayParams(placed)) : totalsStmt.all();
      return rows.map((r) => ({
        status: r.status as OrderStatus,
        count: r.count,
        total: fromCents(r.cents),
      }));
    },
    async listForUser(userId, limit = 20) {
      return listStmt.all(userId, limit).map(toOrder);
    },
  };
}
