import type { LoyaltySettings } from '../../domain/loyalty.js';
import { ONLINE_LOCATION, type Order, type Product } from '../../domain/types.js';
import type { CartStore, InventoryStore, OrderStore, ProductStore } from '../../storage/ports.js';
import { viewOf, type CartView } from './cart-view.js';
import { createCheckout, type CheckoutInput, type CheckoutResult } from './checkout.js';
import { chooseVariant } from './variants.js';

export type AddResult =
  | {
      status: 'added';
      cart: CartView;
      product_id: string;
      sku: string;
      quantity: number;
      name: string;
      color: string | null;
      size: string | null;
      price: number;
    }
  | {
      status: 'needs_variant';
      product_id: string;
      name: string;
      missing: ('color' | 'size')[];
      colors: string[];
      sizes: string[];
    }
  | { status: 'variant_unavailable'; product_id: string; name: string; colors: string[]; sizes: string[] }
  | { status: 'insufficient_stock'; product_id: string; name: string; available: number; in_cart: number }
  | { status: 'not_found'; product_id: string };

export type { CheckoutInput, CheckoutResult };

export type ChangeResult =
  | { status: 'updated' | 'removed' | 'cleared'; cart: CartView; name?: string; quantity?: number }
  | { status: 'not_in_cart'; cart: CartView }
  | { status: 'insufficient_stock'; cart: CartView; name: string; available: number };

export interface CartAgent {
  view(userId: string): Promise<CartView>;
  add(
    userId: string,
    input: { product_id: string; color?: string; size?: string; quantity?: number },
  ): Promise<AddResult>;
  /** Sets the quantity of a cart line picked by product id (first matching line) or sku. */
  update(
    userId: string,
    input: { product_id?: string; sku?: string; quantity: number },
  ): Promise<ChangeResult>;
  remove(userId: string, input: { product_id?: string; sku?: string }): Promise<ChangeResult>;
  clear(userId: string): Promise<ChangeResult>;
  checkout(userId: string, input: CheckoutInput): Promise<CheckoutResult>;
  orders(userId: string, limit?: number): Promise<Order[]>;
}

export function createCartAgent(deps: {
  products: ProductStore;
  inventory: InventoryStore;
  carts: CartStore;
  orders: OrderStore;
  loyalty: LoyaltySettings;
  newOrderId?: () => string;
  now?: () => Date;
}): CartAgent {
  const now = deps.now ?? (() => new Date());

  async function onlineStock(product: Product): Promise<Map<string, number>> {
    const levels = await deps.inventory.stockForProduct(product.product_id);
    return new Map(levels.filter((l) => l.location_id === ONLINE_LOCATION).map((l) => [l.sku, l.quantity]));
  }

  async function findLine(userId: string, ref: { product_id?: string; sku?: string }) {
    const cart = await deps.carts.get(userId);
    const line = cart.items.find((i) => (ref.sku ? i.sku === ref.sku : i.product_id === ref.product_id));
    return { cart, line };
  }

  return {
    async view(userId) {
      return viewOf(await deps.carts.get(userId));
    },

    async add(userId, { product_id, color, size, quantity = 1 }) {
      const product = await deps.products.get(product_id);
      if (!product || product.status !== 'active') return { status: 'not_found', product_id };
      const stock = await onlineStock(product);
      const choice = chooseVariant(product, { color, size }, (sku) => (stock.get(sku) ?? 0) > 0);
      const base = { product_id, name: product.name };
      if (choice.kind === 'missing')
        return {
          status: 'needs_variant',
          ...base,
          missing: choice.missing,
          colors: choice.colors,
          sizes: choice.sizes,
        };
      if (choice.kind === 'no_match')
        return { status: 'variant_unavailable', ...base, colors: choice.colors, sizes: choice.sizes };
      const { variant } = choice;
      const available = stock.get(variant.sku) ?? 0;
      const result = await deps.carts.addItem(
        userId,
        {
          product_id,
          sku: variant.sku,
          name: product.name,
          quantity: Math.max(1, Math.floor(quantity)),
          price: product.price,
          color: variant.color,
          size: variant.size,
          added_at: now().toISOString(),
        },
        available,
      );
      if (!result.ok) return { status: 'insufficient_stock', ...base, available, in_cart: result.in_cart };
      return {
        status: 'added',
        ...base,
        cart: viewOf(result.cart),
        sku: variant.sku,
        quantity: Math.max(1, Math.floor(quantity)),
        color: variant.color,
        size: variant.size,
        price: product.price,
      };
    },

    async update(userId, { quantity, ...ref }) {
      const { cart, line } = await findLine(userId, ref);
      if (!line) return { status: 'not_in_cart', cart: viewOf(cart) };
      if (quantity > line.quantity) {
        const product = await deps.products.get(line.product_id);
        const available = product ? ((await onlineStock(product)).get(line.sku) ?? 0) : 0;
        if (quantity > available)
          return { status: 'insufficient_stock', cart: viewOf(cart), name: line.name, available };
      }
      const updated = await deps.carts.setQuantity(userId, line.sku, quantity);
      if (!updated) return { status: 'not_in_cart', cart: viewOf(await deps.carts.get(userId)) };
      return {
        status: quantity <= 0 ? 'removed' : 'updated',
        cart: viewOf(updated),
        name: line.name,
        quantity,
      };
    },

    async remove(userId, ref) {
      const { cart, line } = await findLine(userId, ref);
      if (!line) return { status: 'not_in_cart', cart: viewOf(cart) };
      return {
        status: 'removed',
        cart: viewOf(await deps.carts.removeItem(userId, line.sku)),
        name: line.name,
      };
    },

    async clear(userId) {
      return { status: 'cleared', cart: viewOf(await deps.carts.clear(userId)) };
    },

    checkout: createCheckout(deps),

    async orders(userId, limit = 5) {
      return deps.orders.listForUser(userId, limit);
    },
  };
}
