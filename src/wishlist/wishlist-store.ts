/** A product a customer saved for later, and when. */
export interface SavedProduct {
  product_id: string;
  saved_at: string;
}

/** Products customers saved for later, one list per customer. */
export interface WishlistStore {
  /** Saves a product on a customer's list; saving it again keeps the first date. True when it was new. */
  save(userId: string, productId: string, at: string): Promise<boolean>;
  /** A customer's list, most recently saved first; empty when they saved nothing. */
  list(userId: string, limit?: number): Promise<SavedProduct[]>;
  /** Takes a product off a customer's list; true when it was on it (removing twice is harmless). */
  remove(userId: string, productId: string): Promise<boolean>;
}

declare module '../storage/storage.js' {
  interface Storage {
    /** Products customers saved for later. */
    wishlist: WishlistStore;
  }
}
