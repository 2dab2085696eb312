import type { ClientSession } from 'mongodb';
import { holdRefusal } from '../../domain/holds.js';
import { ORDER_TRANSITIONS } from '../../domain/order-lifecycle.js';
import { goodsPaid } from '../../domain/sale-credit.js';
import { fromCents } from '../../domain/money.js';
import type { Order, OrderStatus } from '../../domain/types.js';
import {
  placedOrder,
  type OrderStore,
  type OrderTransition,
  type PlaceOrderInput,
  type PlaceOrderResult,
  type TransitionResult,
} from '../../orders/order-store.js';
import { statusTotalsPipeline } from './analytics-pipelines.js';
import { Abort, retryDuplicate, txOrAbort, type Mongo } from './database.js';
import { asJson, toCustomer, type CartDoc, type CustomerDoc } from './documents.js';
import { locationOf, orderDoc, toOrder, type OrderDoc } from './order-documents.js';
import { createSales } from './sales.js';
import { createUnits } from './units.js';

type Refusal = Exclude<PlaceOrderResult, { ok: true }>;

/**
 * Orders. Placing one and moving it along its lifecycle are transactions (a replica set is needed): the
 * cart, the customer's points, the stock and the order move together or not at all. Of two transactions
 * deciding on the same order, cart, customer or variant, the one that commits second conflicts and is run
 * again on what the first wrote, so two callers racing never both win.
 */
export function createMongoOrderStore(mongo: Mongo): OrderStore {
  const orders = mongo.db.collection<OrderDoc>('orders');
  const customers = mongo.db.collection<CustomerDoc>('customers');
  const carts = mongo.db.collection<CartDoc>('carts');
  const payments = mongo.db.collection<{ _id: string; received_at: string; done: boolean }>('payment_events');
  const units = createUnits(mongo);
  const sales = createSales(mongo, units);

  const place = (input: PlaceOrderInput) =>
    txOrAbort<PlaceOrderResult, Refusal>(mongo, async (session) => {
      const refuse = (result: Refusal) => new Abort(result);
      const cart = await carts.findOne({ _id: input.user_id }, { session });
      if ((cart?.version ?? 0) !== input.cart_version) throw refuse({ ok: false, reason: 'CART_CHANGED' });
      const doc = await customers.findOne({ _id: input.user_id }, { session });
      if (!doc) throw refuse({ ok: false, reason: 'CART_CHANGED' });
      const unpaid = await orders.countDocuments(
        { user_id: input.user_id, status: 'pending_payment' },
        { session },
      );
      if (unpaid >= input.max_unpaid)
        throw refuse({ ok: false, reason: 'TOO_MANY_UNPAID', limit: input.max_unpaid });
      const customer = toCustomer(doc);
      if (customer.loyalty_points < input.totals.points_redeemed)
        throw refuse({ ok: false, reason: 'INSUFFICIENT_POINTS', balance: customer.loyalty_points });

      const location = locationOf(input.fulfilment);
      // Unpaid orders from one address, by different customers, decide on the same limit: they take turns.
      if (input.holds?.per_address !== undefined && input.placed_from)
        await mongo.touch(`holds:${input.placed_from}`, session);
      for (const line of input.lines) {
        if (input.holds) {
          // Too few units is said as such, before any limit on holding them.
          const available = await units.available(session, line.sku, location);
          if (available < line.quantity)
            throw refuse({ ok: false, reason: 'OUT_OF_STOCK', sku: line.sku, available });
          const held = await units.held(
            session,
            line.sku,
            location,
            input.user_id,
            input.placed_from ?? null,
          );
          const refusal = holdRefusal(line.quantity, held, input.holds);
          if (refusal) throw refuse({ ok: false, reason: 'HOLD_LIMIT', sku: line.sku, ...refusal });
        }
        // Units set aside for this order: out of what is available, back if it is not paid.
        if (!(await units.reserve(session, input.order_id, line.sku, location, line.quantity))) {
          const available = await units.available(session, line.sku, location);
          throw refuse({ ok: false, reason: 'OUT_OF_STOCK', sku: line.sku, available });
        }
      }

      const order = placedOrder(input);
      await orders.insertOne(
        orderDoc(order, {
          placed_from: input.placed_from ?? null,
          stock_taken: false,
          credited: false,
          credited_points: 0,
          credited_spend: 0,
        }),
        { session },
      );
      // The points it redeems are held now; what it earns, and the spend, wait for payment.
      const points = customer.loyalty_points - order.points_redeemed;
      await customers.updateOne(
        { _id: input.user_id },
        { $set: { loyalty_points: points, updated_at: input.created_at } },
        { session },
      );
      await carts.updateOne(
        { _id: input.user_id },
        { $set: { items: [], updated_at: input.created_at }, $inc: { version: 1 } },
        { session },
      );
      return {
        ok: true,
        order,
        customer: { ...customer, loyalty_points: points, updated_at: input.created_at },
      };
    });

  const transition = (input: OrderTransition) =>
    txOrAbort<TransitionResult, TransitionResult>(mongo, async (session) => {
      const doc = await orders.findOne({ _id: input.order_id }, { session });
      if (!doc) return { ok: false, reason: 'NOT_FOUND' };
      const from = doc.status;
      if (!ORDER_TRANSITIONS[from].includes(input.to) || (input.from && input.from !== from))
        return { ok: false, reason: 'INVALID_TRANSITION', from };
      const customerDoc = await customers.findOne({ _id: doc.user_id }, { session });
      const moved = await sales.move(session, doc, customerDoc ? toCustomer(customerDoc) : null, input);
      const kept = (value: string | number | null | undefined, field: string) =>
        value != null ? { [field]: value } : {};
      // Only from the status it was read in: a conflicting move aborts rather than half-apply.
      const claimed = await orders.updateOne(
        { _id: doc._id, status: from },
        {
          $set: {
            status: input.to,
            updated_at: input.at,
            ...kept(input.carrier, 'carrier'),
            ...kept(input.tracking_number, 'tracking_number'),
            ...kept(input.payment_ref, 'payment_ref'),
            ...kept(moved.refund?.amount, 'refund_amount'),
            ...moved.state,
            // A client's address is kept only while the order is unpaid: for the limits on holding stock.
            placed_from: null,
          },
        },
        { session },
      );
      if (claimed.matchedCount !== 1) throw new Abort({ ok: false, reason: 'INVALID_TRANSITION', from });
      const after = toOrder((await orders.findOne({ _id: doc._id }, { session }))!);
      return {
        ok: true,
        order: after,
        from,
        customer: moved.customer,
        ...(moved.refund ? { refund: moved.refund } : {}),
      };
    });

  const importOne = async (session: ClientSession, order: Order): Promise<boolean> => {
    if (await orders.findOne({ _id: order.order_id }, { session, projection: { _id: 1 } })) return false;
    const sold = order.status === 'paid' || order.status === 'fulfilled' || order.status === 'delivered';
    // Stored as SQLite stores an import: the payment page of an order from the past is not kept.
    await orders.insertOne(
      orderDoc(
        { ...order, payment_url: null, payment_checkout: null },
        {
          placed_from: null,
          stock_taken: sold,
          credited: sold,
          credited_points: sold ? order.points_earned : 0,
          credited_spend: sold ? goodsPaid(order) : 0,
        },
      ),
      { session },
    );
    if (order.status === 'pending_payment') {
      // Its units are set aside like any unpaid order's, as far as there are units to set aside.
      const location = locationOf(order.fulfilment);
      for (const line of order.items)
        await units.reserve(session, order.order_id, line.sku, location, line.quantity);
    }
    return true;
  };

  return {
    place,
    transition,
    async importHistory(list) {
      if (list.length === 0) return 0;
      return mongo.tx(async (session) => {
        let added = 0;
        for (const order of list) if (await importOne(session, order)) added++;
        return added;
      });
    },
    async changeAddress(input) {
      // updated_at says when the order last moved along its lifecycle ("shipped Nov 29"): not touched here.
      const doc = await orders.findOneAndUpdate(
        { _id: input.order_id, status: { $in: [...input.while] }, 'fulfilment.type': 'ship' },
        { $set: { 'fulfilment.address': asJson(input.address) } },
        { returnDocument: 'after' },
      );
      return doc ? toOrder(doc) : null;
    },
    async setPaymentLink(orderId, link) {
      await orders.updateOne(
        { _id: orderId },
        { $set: { payment_url: link.url, payment_checkout: link.reference } },
      );
    },
    async get(orderId) {
      const doc = await orders.findOne({ _id: orderId });
      return doc ? toOrder(doc) : null;
    },
    async heldPoints(userId) {
      return units.heldPoints(userId);
    },
    async recordPaymentEvent(eventId, at) {
      // Recorded once (the id is the key); new again until it is marked done.
      const event = await retryDuplicate(() =>
        payments.findOneAndUpdate(
          { _id: eventId },
          { $setOnInsert: { received_at: at, done: false } },
          { upsert: true, returnDocument: 'after' },
        ),
      );
      return event?.done === false;
    },
    async finishPaymentEvent(eventId) {
      await payments.updateOne({ _id: eventId }, { $set: { done: true } });
    },
    async overdue(now, limit) {
      if (limit === 0) return [];
      const docs = await orders
        .find({ status: 'pending_payment', expires_at: { $ne: null, $lte: now } }, { projection: { _id: 1 } })
        .sort({ expires_at: 1 })
        .limit(Math.max(0, limit))
        .toArray();
      return docs.map((d) => d._id);
    },
    async list(query = {}) {
      const limit = query.limit ?? 50;
      if (limit === 0) return [];
      const docs = await orders
        .find(query.status ? { status: query.status } : {})
        .sort({ created_at: -1 })
        .limit(Math.max(0, limit))
        .toArray();
      return docs.map(toOrder);
    },
    async statusTotals(placed) {
      const docs = await orders
        .aggregate<{ _id: OrderStatus; count: number; cents: number }>(statusTotalsPipeline(placed))
        .toArray();
      return docs.map((d) => ({ status: d._id, count: d.count, total: fromCents(d.cents) }));
    },
    async listForUser(userId, limit = 20) {
      if (limit === 0) return [];
      const docs = await orders
        .find({ user_id: userId })
        .sort({ created_at: -1 })
        .limit(Math.max(0, limit))
        .toArray();
      return docs.map(toOrder);
    },
  };
}
