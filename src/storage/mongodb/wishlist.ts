import type { WishlistStore } from '../../wishlist/wishlist-store.js';
import { isDuplicateKey, type Mongo } from './database.js';

interface SavedDoc {
  user_id: string;
  product_id: string;
  saved_at: string;
}

export function createMongoWishlistStore(mongo: Mongo): WishlistStore {
  const wishlist = mongo.db.collection<SavedDoc>('wishlist');
  return {
    async save(userId, productId, at) {
      try {
        await wishlist.insertOne({ user_id: userId, product_id: productId, saved_at: at });
        return true;
      } catch (error) {
        // Saved already (the key is unique): the first date stays.
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async list(userId, limit = 100) {
      if (limit === 0) return [];
      const docs = await wishlist
        .find({ user_id: userId }, { projection: { _id: 0, product_id: 1, saved_at: 1 } })
        .sort({ saved_at: -1, product_id: 1 })
        .limit(Math.max(0, limit))
        .toArray();
      return docs.map((d) => ({ product_id: d.product_id, saved_at: d.saved_at }));
    },
    async remove(userId, productId) {
      return (await wishlist.deleteOne({ user_id: userId, product_id: productId })).deletedCount > 0;
    },
  };
}
