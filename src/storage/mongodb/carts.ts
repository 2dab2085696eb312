import type { Clock } from '../../domain/clock.js';
import type { CartStore } from '../ports.js';
import { retryDuplicate, type Mongo } from './database.js';
import { cartItemDoc, EMPTY_CART_AT, toCart, type CartDoc } from './documents.js';

/**
 * One document per cart, holding its lines, so every change is one atomic update that also bumps the
 * version: the checks (what is in the cart, how many) sit in the update's filter, and a change that
 * finds the cart other than it expected is tried again from the top.
 */
export function createMongoCartStore(mongo: Mongo, now: Clock): CartStore {
  const carts = mongo.db.collection<CartDoc>('carts');
  const changed = () => ({ $inc: { version: 1 }, $set: { updated_at: now().toISOString() } });

  /** An empty cart at version 0 (as a missing one reads), so that lines can be added to it. */
  const make = (userId: string) =>
    retryDuplicate(() =>
      carts.updateOne(
        { _id: userId },
        { $setOnInsert: { version: 0, updated_at: EMPTY_CART_AT, items: [] } },
        { upsert: true },
      ),
    );
  const read = async (userId: string) => toCart(userId, await carts.findOne({ _id: userId }));

  return {
    get: read,
    async addItem(userId, item, maxQuantity) {
      await make(userId);
      for (;;) {
        const { $inc, $set } = changed();
        // Merged with the same variant, while the sum stays within the limit; the price is the latest.
        const merged = await carts.findOneAndUpdate(
          {
            _id: userId,
            items: { $elemMatch: { sku: item.sku, quantity: { $lte: maxQuantity - item.quantity } } },
          },
          {
            $inc: { ...$inc, 'items.$.quantity': item.quantity },
            $set: { ...$set, 'items.$.price': item.price },
          },
          { returnDocument: 'after' },
        );
        const added =
          merged ??
          (item.quantity <= maxQuantity
            ? await carts.findOneAndUpdate(
                { _id: userId, 'items.sku': { $ne: item.sku } },
                { $inc, $set, $push: { items: cartItemDoc(item) } },
                { returnDocument: 'after' },
              )
            : null);
        if (added) {
          const cart = toCart(userId, added);
          return { ok: true, cart, item: cart.items.find((i) => i.sku === item.sku) ?? item };
        }
        // Refused on what the cart holds now, unless it changed between the two tries.
        const inCart = (await read(userId)).items.find((i) => i.sku === item.sku)?.quantity ?? 0;
        if (inCart + item.quantity > maxQuantity)
          return { ok: false, reason: 'EXCEEDS_AVAILABLE', in_cart: inCart };
      }
    },
    async setQuantity(userId, sku, quantity) {
      const units = Math.floor(quantity);
      const { $inc, $set } = changed();
      const doc = await carts.findOneAndUpdate(
        { _id: userId, 'items.sku': sku },
        units <= 0
          ? { $inc, $set, $pull: { items: { sku } } }
          : { $inc, $set: { ...$set, 'items.$.quantity': units } },
        { returnDocument: 'after' },
      );
      return doc ? toCart(userId, doc) : null;
    },
    async removeItem(userId, sku) {
      const doc = await carts.findOneAndUpdate(
        { _id: userId, 'items.sku': sku },
        { ...changed(), $pull: { items: { sku } } },
        { returnDocument: 'after' },
      );
      return doc ? toCart(userId, doc) : read(userId);
    },
    async clear(userId) {
      const { $inc, $set } = changed();
      const doc = await carts.findOneAndUpdate(
        { _id: userId, 'items.0': { $exists: true } },
        { $inc, $set: { ...$set, items: [] } },
        { returnDocument: 'after' },
      );
      return doc ? toCart(userId, doc) : read(userId);
    },
  };
}
