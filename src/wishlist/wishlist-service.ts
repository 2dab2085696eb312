import type { Clock } from '../domain/clock.js';
import type { InventoryStore, ProductStore } from '../storage/ports.js';
import type { WishlistStore } from './wishlist-store.js';

/** A saved product as it stands today: its current price, and whether it can be had online. */
export interface WishlistEntry {
  product_id: string;
  name: string;
  price: number;
  in_stock: boolean;
  saved_at: string;
}

export type SaveResult =
  | { status: 'saved' | 'already'; product: { product_id: string; name: string; price: number } }
  | { status: 'not_found'; product_id: string };

export interface WishlistService {
  /** Saves a product the shop sells for later; a product no longer sold is not saved. */
  save(userId: string, productId: string): Promise<SaveResult>;
  /** The customer's saved products that are still sold, most recent first, priced today. */
  list(userId: string): Promise<WishlistEntry[]>;
  remove(userId: string, productId: string): Promise<boolean>;
}

/** How many saved products a list shows. */
const SHOWN = 50;

/** Saving products for later: the list keeps ids and dates; prices and stock are read when it is shown. */
export function createWishlistService(deps: {
  wishlist: WishlistStore;
  products: ProductStore;
  inventory: InventoryStore;
  now: Clock;
}): WishlistService {
  return {
    async save(userId, productId) {
      const product = await deps.products.get(productId);
      if (!product || product.status !== 'active') return { status: 'not_found', product_id: productId };
      const fresh = await deps.wishlist.save(userId, productId, deps.now().toISOString());
      return {
        status: fresh ? 'saved' : 'already',
        product: { product_id: product.product_id, name: product.name, price: product.price },
      };
    },
    async list(userId) {
      const saved = await deps.wishlist.list(userId, SHOWN);
      const ids = saved.map((s) => s.product_id);
      const [products, stock] = await Promise.all([
        deps.products.getMany(ids),
        deps.inventory.skuTotals(ids),
      ]);
      const sold = new Map(products.filter((p) => p.status === 'active').map((p) => [p.product_id, p]));
      return saved.flatMap((s) => {
        const product = sold.get(s.product_id);
        if (!product) return [];
        const in_stock = stock.some((l) => l.product_id === s.product_id && l.online > 0);
        return [
          {
            product_id: s.product_id,
            name: product.name,
            price: product.price,
            in_stock,
            saved_at: s.saved_at,
          },
        ];
      });
    },
    remove: (userId, productId) => deps.wishlist.remove(userId, productId),
  };
}
