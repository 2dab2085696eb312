import type { OrderStore } from '../../orders/order-store.js';
import { goodsPaid } from '../../domain/sale-credit.js';
import { fromCents } from '../../domain/money.js';
import type { Order, OrderStatus } from '../../domain/types.js';
import type { Pg, Query } from './database.js';
import { place } from './order-placing.js';
import { insertOrder, toOrder, type OrderRow } from './order-rows.js';
import { roundHalfAway } from './rounding.js';
import { transition } from './order-transition.js';
import { heldPoints, locationOf, lockStock, reserve, saleTx, takeStock } from './sale-locks.js';
import { dayParams, onDays } from './shop-days.js';

/** In one transaction; an id already stored is left alone, so imports racing store each order once. */
async function importHistory(q: Query, orders: readonly Order[]): Promise<number> {
  let added = 0;
  for (const order of orders) {
    const unpaid = order.status === 'pending_payment';
    const sold = order.status === 'paid' || order.status === 'fulfilled' || order.status === 'delivered';
    const inserted = await insertOrder(
      q,
      {
        ...order,
        stock_taken: sold,
        credited: sold,
        credited_points: sold ? order.points_earned : 0,
        credited_spend: sold ? goodsPaid(order) : 0,
        placed_from: null,
      },
      'ON CONFLICT (order_id) DO NOTHING RETURNING order_id',
    );
    if (inserted.length === 0) continue;
    if (unpaid) {
      // Its units are set aside like any unpaid order's, as far as there are units to set aside.
      const location = locationOf(order);
      await lockStock(
        q,
        location,
        order.items.map((l) => l.sku),
      );
      for (const line of order.items)
        if (await takeStock(q, line.sku, location, line.quantity))
          await reserve(q, order.order_id, line.sku, location, line.quantity);
    }
    added++;
  }
  return added;
}

export function createPgOrderStore(pg: Pg): OrderStore {
  return {
    async place(input) {
      return saleTx(pg, (q) => place(q, input));
    },
    async transition(input) {
      return saleTx(pg, (q) => transition(q, input));
    },
    async importHistory(orders) {
      return pg.tx((q) => importHistory(q, orders));
    },
    async changeAddress(input) {
      // One statement: it changes the order only as it stands when it runs, never a stale read of it.
      // updated_at says when the order last moved along its lifecycle ("shipped Nov 29"): not touched here.
      const [row] = await pg.query<OrderRow>(
        `UPDATE orders SET fulfilment = fulfilment || jsonb_build_object('address', $2::jsonb)
         WHERE order_id = $1 AND status = ANY($3::text[]) AND fulfilment->>'type' = 'ship' RETURNING *`,
        [input.order_id, JSON.stringify(input.address), input.while],
      );
      return row ? toOrder(row) : null;
    },
    async setPaymentLink(orderId, link) {
      await pg.query('UPDATE orders SET payment_url = $1, payment_checkout = $2 WHERE order_id = $3', [
        link.url,
        link.reference,
        orderId,
      ]);
    },
    async get(orderId) {
      const [row] = await pg.query<OrderRow>('SELECT * FROM orders WHERE order_id = $1', [orderId]);
      return row ? toOrder(row) : null;
    },
    async heldPoints(userId) {
      return heldPoints(pg.query, userId);
    },
    async recordPaymentEvent(eventId, at) {
      // One statement: a new event is stored not done; a replay reads whether the first was finished,
      // waiting for a racing first delivery to commit rather than missing it.
      const [row] = await pg.query<{ fresh: boolean }>(
        `INSERT INTO payment_events (event_id, received_at, done) VALUES ($1, $2, false)
         ON CONFLICT (event_id) DO UPDATE SET done = payment_events.done RETURNING NOT done AS fresh`,
        [eventId, at],
      );
      return row?.fresh === true;
    },
    async finishPaymentEvent(eventId) {
      await pg.query('UPDATE payment_events SET done = true WHERE event_id = $1', [eventId]);
    },
    async overdue(now, limit) {
      const rows = await pg.query<{ order_id: string }>(
        `SELECT order_id FROM orders WHERE status = 'pending_payment' AND expires_at IS NOT NULL
           AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
        [now, limit],
      );
      return rows.map((r) => r.order_id);
    },
    async list(query = {}) {
      const rows = await pg.query<OrderRow>(
        'SELECT * FROM orders WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT $2',
        [query.status ?? null, query.limit ?? 50],
      );
      return rows.map(toOrder);
    },
    async statusTotals(placed) {
      // Each total to the cent before summing (toCents), so the sum is whole cents however many there are.
      const rows = await pg.query<{ status: string; count: number; cents: number }>(
        `SELECT status, count(*) AS count, sum(${roundHalfAway('total * 100')}) AS cents FROM orders
          ${placed ? `WHERE ${onDays('created_at')}` : ''} GROUP BY status ORDER BY status`,
        placed ? dayParams(placed) : [],
      );
      return rows.map((r) => ({
        status: r.status as OrderStatus,
        count: r.count,
        total: fromCents(r.cents),
      }));
    },
    async listForUser(userId, limit = 20) {
      const rows = await pg.query<OrderRow>(
        'SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2',
        [userId, limit],
      );
      return rows.map(toOrder);
    },
  };
}
