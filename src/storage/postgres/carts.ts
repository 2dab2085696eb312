import type { Clock } from '../../domain/clock.js';
import type { Cart, CartItem } from '../../domain/types.js';
import type { AddItemResult, CartStore } from '../ports.js';
import type { Pg, Query } from './database.js';

/** When a cart never changed: what `get` answers for a customer without one. */
const NEVER = new Date(0).toISOString();

/**
 * Every change runs in one transaction holding the cart's row (`FOR UPDATE`), so the read, the check and
 * the write of one cart never interleave with another's, from any process. A cart's row is made on its
 * first add, at version 0 and never changed, which reads the same as no cart at all.
 */
export function createPgCartStore(pg: Pg, now: Clock): CartStore {
  async function read(query: Query, userId: string): Promise<Cart> {
    const [head] = await query<{ version: number; updated_at: string }>(
      'SELECT version, updated_at FROM carts WHERE user_id = $1',
      [userId],
    );
    const items = await query<CartItem>(
      `SELECT product_id, sku, name, quantity, price, color, size, added_at FROM cart_items
       WHERE user_id = $1 ORDER BY added_at, sku COLLATE "C"`,
      [userId],
    );
    return { user_id: userId, items, version: head?.version ?? 0, updated_at: head?.updated_at ?? NEVER };
  }
  /** Locks the cart; false when the customer has none (and so nothing in it). */
  const lock = async (query: Query, userId: string) =>
    (await query('SELECT 1 FROM carts WHERE user_id = $1 FOR UPDATE', [userId])).length > 0;
  const bump = (query: Query, userId: string) =>
    query('UPDATE carts SET version = version + 1, updated_at = $2 WHERE user_id = $1', [
      userId,
      now().toISOString(),
    ]);

  return {
    async get(userId) {
      return read(pg.query, userId);
    },
    async addItem(userId, item, maxQuantity) {
      return pg.tx(async (query): Promise<AddItemResult> => {
        await query(
          'INSERT INTO carts (user_id, version, updated_at) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING',
          [userId, NEVER],
        );
        await lock(query, userId);
        const [line] = await query<{ quantity: number }>(
          'SELECT quantity FROM cart_items WHERE user_id = $1 AND sku = $2',
          [userId, item.sku],
        );
        const inCart = line?.quantity ?? 0;
        if (inCart + item.quantity > maxQuantity)
          return { ok: false, reason: 'EXCEEDS_AVAILABLE', in_cart: inCart };
        await query(
          `INSERT INTO cart_items (user_id, sku, product_id, name, quantity, price, color, size, added_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (user_id, sku) DO UPDATE
             SET quantity = cart_items.quantity + excluded.quantity, price = excluded.price`,
          [
            userId,
            item.sku,
            item.product_id,
            item.name,
            item.quantity,
            item.price,
            item.color,
            item.size,
            item.added_at,
          ],
        );
        await bump(query, userId);
        const cart = await read(query, userId);
        return { ok: true, cart, item: cart.items.find((i) => i.sku === item.sku) ?? item };
      });
    },
    async setQuantity(userId, sku, quantity) {
      const wanted = Math.floor(quantity);
      return pg.tx(async (query) => {
        if (!(await lock(query, userId))) return null;
        const changed =
          wanted <= 0
            ? await query('DELETE FROM cart_items WHERE user_id = $1 AND sku = $2 RETURNING sku', [
                userId,
                sku,
              ])
            : await query(
                'UPDATE cart_items SET quantity = $3 WHERE user_id = $1 AND sku = $2 RETURNING sku',
                [userId, sku, wanted],
              );
        if (changed.length === 0) return null;
        await bump(query, userId);
        return read(query, userId);
      });
    },
    async removeItem(userId, sku) {
      return pg.tx(async (query) => {
        if (!(await lock(query, userId))) return read(query, userId);
        const removed = await query('DELETE FROM cart_items WHERE user_id = $1 AND sku = $2 RETURNING sku', [
          userId,
          sku,
        ]);
        if (removed.length > 0) await bump(query, userId);
        return read(query, userId);
      });
    },
    async clear(userId) {
      return pg.tx(async (query) => {
        if (!(await lock(query, userId))) return read(query, userId);
        const removed = await query('DELETE FROM cart_items WHERE user_id = $1 RETURNING sku', [userId]);
        if (removed.length > 0) await bump(query, userId);
        return read(query, userId);
      });
    },
  };
}
