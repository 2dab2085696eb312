import type { SavedProduct, WishlistStore } from '../../wishlist/wishlist-store.js';
import type { Db } from './database.js';

export function createSqliteWishlistStore(db: Db): WishlistStore {
  const insert = db.prepare<[string, string, string]>(
    'INSERT INTO wishlist (user_id, product_id, saved_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const select = db.prepare<[string, number], SavedProduct>(
    'SELECT product_id, saved_at FROM wishlist WHERE user_id = ? ORDER BY saved_at DESC, product_id LIMIT ?',
  );
  const drop = db.prepare<[string, string]>('DELETE FROM wishlist WHERE user_id = ? AND product_id = ?');
  return {
    async save(userId, productId, at) {
      return insert.run(userId, productId, at).changes > 0;
    },
    async list(userId, limit = 100) {
      return select.all(userId, limit);
    },
    async remove(userId, productId) {
      return drop.run(userId, productId).changes > 0;
    },
  };
}
