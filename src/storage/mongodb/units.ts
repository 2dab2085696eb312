import type { ClientSession } from 'mongodb';
import type { HeldUnits } from '../../domain/holds.js';
import type { Mongo } from './database.js';
import { literal, type StockDoc } from './documents.js';
import type { OrderDoc } from './order-documents.js';

/** Units of a variant at a location set aside under an order: an unpaid order's, or an exchange's. */
export interface ReservationDoc {
  order_id: string;
  sku: string;
  location_id: string;
  quantity: number;
}

/**
 * How orders and returns move units, inside their transactions. A stock document keeps what is
 * available (`quantity`) and what is reserved (`reserved`, the sum of its reservations), and every move
 * changes both in one update, so the two never disagree.
 */
export function createUnits(mongo: Mongo) {
  const stock = mongo.db.collection<StockDoc>('stock');
  const reservations = mongo.db.collection<ReservationDoc>('stock_reservations');
  const orders = mongo.db.collection<OrderDoc>('orders');

  return {
    /** Units available at a location (0 where the variant has no stock there). */
    async available(session: ClientSession, sku: string, location: string): Promise<number> {
      return (await stock.findOne({ sku, location_id: location }, { session }))?.quantity ?? 0;
    },

    /**
     * Takes `quantity` available units out of sale and reserves them under `orderId`; false, with
     * nothing changed, when fewer are available.
     */
    async reserve(
      session: ClientSession,
      orderId: string,
      sku: string,
      location: string,
      quantity: number,
    ): Promise<boolean> {
      const taken = await stock.updateOne(
        { sku, location_id: location, quantity: { $gte: quantity } },
        { $inc: { quantity: -quantity, reserved: quantity } },
        { session },
      );
      if (taken.matchedCount === 0) return false;
      await reservations.updateOne(
        { order_id: orderId, sku, location_id: location },
        { $inc: { quantity } },
        { upsert: true, session },
      );
      return true;
    },

    /** Gives up everything reserved under an order: back on sale (`putBack`), or sold. */
    async releaseAll(session: ClientSession, orderId: string, putBack: boolean): Promise<void> {
      const held = await reservations.find({ order_id: orderId }, { session }).toArray();
      for (const r of held)
        await stock.updateOne(
          { sku: r.sku, location_id: r.location_id },
          { $inc: { reserved: -r.quantity, quantity: putBack ? r.quantity : 0 } },
          { session },
        );
      if (held.length > 0) await reservations.deleteMany({ order_id: orderId }, { session });
    },

    /**
     * Gives up `quantity` units an exchange reserved under its order (several exchanges of one order may
     * share a reservation: each gives up its own units), and puts `quantity` back on sale when asked.
     */
    async release(
      session: ClientSession,
      orderId: string,
      sku: string,
      location: string,
      quantity: number,
      putBack: boolean,
    ): Promise<void> {
      const key = { order_id: orderId, sku, location_id: location };
      const held = await reservations.findOne(key, { session });
      const freed = held ? Math.min(held.quantity, quantity) : 0;
      if (held && held.quantity <= quantity) await reservations.deleteOne(key, { session });
      else if (held) await reservations.updateOne(key, { $inc: { quantity: -quantity } }, { session });
      if (freed > 0 || putBack)
        await stock.updateOne(
          { sku, location_id: location },
          { $inc: { reserved: -freed, quantity: putBack ? quantity : 0 } },
          { session },
        );
    },

    /** Puts units back on sale (a cancelled sale's, a return's); nothing where the variant has no stock. */
    async putBack(session: ClientSession, sku: string, location: string, quantity: number): Promise<void> {
      await stock.updateOne({ sku, location_id: location }, { $inc: { quantity } }, { session });
    },

    /**
     * What a variant's units are held by, for the limits on unpaid orders (domain/holds.ts): on hand at
     * the location, held there by unpaid orders, and held anywhere by this customer's and this address's.
     */
    async held(
      session: ClientSession,
      sku: string,
      location: string,
      userId: string,
      address: string | null,
    ): Promise<HeldUnits> {
      const level = await stock.findOne({ sku, location_id: location }, { session });
      const heldBy = (field: string, value: unknown) => ({
        $sum: { $cond: [{ $eq: [field, literal(value)] }, '$quantity', 0] },
      });
      const [sums] = await reservations
        .aggregate<Omit<HeldUnits, 'on_hand'>>(
          [
            { $match: { sku } },
            {
              $lookup: {
                from: 'orders',
                let: { order: '$order_id' },
                pipeline: [
                  { $match: { $expr: { $eq: ['$_id', '$$order'] }, status: 'pending_payment' } },
                  { $project: { user_id: 1, placed_from: 1 } },
                ],
                as: 'order',
              },
            },
            { $unwind: '$order' },
            {
              $group: {
                _id: null,
                unpaid: heldBy('$location_id', location),
                customer: heldBy('$order.user_id', userId),
                // No address matches none (as NULL = NULL is not true in SQL).
                address: address === null ? { $sum: 0 } : heldBy('$order.placed_from', address),
              },
            },
          ],
          { session },
        )
        .toArray();
      return {
        on_hand: level ? level.quantity + (level.reserved ?? 0) : 0,
        unpaid: sums?.unpaid ?? 0,
        customer: sums?.customer ?? 0,
        address: sums?.address ?? 0,
      };
    },

    /** Points a customer's unpaid orders hold (other than `except`): still theirs, not spent. */
    async heldPoints(userId: string, except = '', session?: ClientSession): Promise<number> {
      const [sum] = await orders
        .aggregate<{ held: number }>(
          [
            { $match: { user_id: userId, status: 'pending_payment', _id: { $ne: except } } },
            { $group: { _id: null, held: { $sum: '$points_redeemed' } } },
          ],
          session ? { session } : {},
        )
        .toArray();
      return sum?.held ?? 0;
    },
  };
}

export type Units = ReturnType<typeof createUnits>;
