import type { SavedProduct, WishlistStore } from '../../wishlist/wishlist-store.js';
import type { Pg } from './database.js';

export function createPgWishlistStore(pg: Pg): WishlistStore {
  return {
    async save(userId, productId, at) {
      const saved = await pg.query(
        'INSERT INTO wishlist (user_id, product_id, saved_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
        [userId, productId, at],
      );
      return saved.length > 0;
    },
    async list(userId, limit = 100) {
      return pg.query<SavedProduct>(
        `SELECT product_id, saved_at FROM wishlist WHERE user_id = $1
         ORDER BY saved_at DESC, product_id COLLATE "C" LIMIT $2`,
        [userId, limit],
      );
    },
    async remove(userId, productId) {
      const removed = await pg.query(
        'DELETE FROM wishlist WHERE user_id = $1 AND product_id = $2 RETURNING 1',
        [userId, productId],
      );
      return removed.length > 0;
    },
  };
}
