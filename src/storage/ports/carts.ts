import type { Cart, CartItem } from '../../domain/types.js';

export type AddItemResult =
  { ok: true; cart: Cart; item: CartItem } | { ok: false; reason: 'EXCEEDS_AVAILABLE'; in_cart: number };

/** One cart per customer. Every change is atomic and bumps the cart's version. */
export interface CartStore {
  get(userId: string): Promise<Cart>;
  /**
   * Adds `item.quantity` units of a variant (merging with the same variant already in the cart).
   * Refuses when the resulting quantity would exceed `max_quantity`; the check and the write are atomic.
   */
  addItem(userId: string, item: CartItem, maxQuantity: number): Promise<AddItemResult>;
  /** Sets a variant's quantity; 0 removes it. Returns null when the variant is not in the cart. */
  setQuantity(userId: string, sku: string, quantity: number): Promise<Cart | null>;
  /** Idempotent: removing what is absent is not an error. */
  removeItem(userId: string, sku: string): Promise<Cart>;
  clear(userId: string): Promise<Cart>;
}
