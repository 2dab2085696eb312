import type { Cart, CartItem } from '../../domain/types.js';
import type { CartStore } from '../ports.js';
import type { Db } from './database.js';
import type { Clock } from '../../domain/clock.js';

export function createSqliteCartStore(db: Db, now: Clock): CartStore {
  const headStmt = db.prepare<[string], { version: number; updated_at: string }>(
    'SELECT version, updated_at FROM carts WHERE user_id = ?',
  );
  const itemsStmt = db.prepare<[string], CartItem>(
    'SELECT product_id, sku, name, quantity, price, color, size, added_at FROM cart_items WHERE user_id = ? ORDER BY added_at, sku',
  );
  const itemStmt = db.prepare<[string, string], { quantity: number }>(
    'SELECT quantity FROM cart_items WHERE user_id = ? AND sku = ?',
  );
  const bumpStmt = db.prepare(
    `INSERT INTO carts (user_id, version, updated_at) VALUES (?, 1, ?)
     ON CONFLICT (user_id) DO UPDATE SET version = version + 1, updated_at = excluded.updated_at`,
  );
  const addStmt = db.prepare(
    `INSERT INTO cart_items (user_id, sku, product_id, name, quantity, price, color, size, added_at)
     VALUES (@user_id, @sku, @product_id, @name, @quantity, @price, @color, @size, @added_at)
     ON CONFLICT (user_id, sku) DO UPDATE SET quantity = quantity + excluded.quantity, price = excluded.price`,
  );
  const setQtyStmt = db.prepare('UPDATE cart_items SET quantity = ? WHERE user_id = ? AND sku = ?');
  const removeStmt = db.prepare('DELETE FROM cart_items WHERE user_id = ? AND sku = ?');
  const clearStmt = db.prepare('DELETE FROM cart_items WHERE user_id = ?');

  function read(userId: string): Cart {
    const head = headStmt.get(userId);
    return {
      user_id: userId,
      items: itemsStmt.all(userId),
      version: head?.version ?? 0,
      updated_at: head?.updated_at ?? new Date(0).toISOString(),
    };
  }
  const bump = (userId: string) => bumpStmt.run(userId, now().toISOString());

  const addItem = db.transaction((userId: string, item: CartItem, maxQuantity: number) => {
    const inCart = itemStmt.get(userId, item.sku)?.quantity ?? 0;
    if (inCart + item.quantity > maxQuantity)
      return { ok: false as const, reason: 'EXCEEDS_AVAILABLE' as const, in_cart: inCart };
    addStmt.run({ ...item, user_id: userId });
    bump(userId);
    const cart = read(userId);
    return { ok: true as const, cart, item: cart.items.find((i) => i.sku === item.sku) ?? item };
  });
  const setQuantity = db.transaction((userId: string, sku: string, quantity: number) => {
    if (!itemStmt.get(userId, sku)) return null;
    if (quantity <= 0) removeStmt.run(userId, sku);
    else setQtyStmt.run(quantity, userId, sku);
    bump(userId);
    return read(userId);
  });
  const removeItem = db.transaction((userId: string, sku: string) => {
    if (removeStmt.run(userId, sku).changes > 0) bump(userId);
    return read(userId);
  });
  const clear = db.transaction((userId: string) => {
    if (clearStmt.run(userId).changes > 0) bump(userId);
    return read(userId);
  });

  return {
    async get(userId) {
      return read(userId);
    },
    async addItem(userId, item, maxQuantity) {
      return addItem.immediate(userId, item, maxQuantity);
    },
    async setQuantity(userId, sku, quantity) {
      return setQuantity.immediate(userId, sku, Math.floor(quantity));
    },
    async removeItem(userId, sku) {
      return removeItem.immediate(userId, sku);
    },
    async clear(userId) {
      return clear.immediate(userId);
    },
  };
}
