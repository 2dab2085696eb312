import { fromCents, toCents } from '../../domain/money.js';
import type { Cart, CartItem } from '../../domain/types.js';

export interface CartLine extends CartItem {
  line_total: number;
}

export interface CartView {
  items: CartLine[];
  item_count: number;
  subtotal: number;
  version: number;
}

export function viewOf(cart: Cart): CartView {
  const items = cart.items.map((item) => ({
    ...item,
    line_total: fromCents(toCents(item.price) * item.quantity),
  }));
  return {
    items,
    item_count: items.reduce((n, i) => n + i.quantity, 0),
    subtotal: fromCents(items.reduce((sum, i) => sum + toCents(i.line_total), 0)),
    version: cart.version,
  };
}
