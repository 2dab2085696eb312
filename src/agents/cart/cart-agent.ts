import { randomUUID } from 'node:crypto';
import { distanceKm } from '../../domain/geo.js';
import type { LoyaltySettings } from '../../domain/loyalty.js';
import { priceLine, priceOrder } from '../../domain/pricing.js';
import {
  ONLINE_LOCATION,
  type Customer,
  type Fulfilment,
  type Order,
  type Product,
} from '../../domain/types.js';
import { isAppError } from '../../errors.js';
import type { CartStore, InventoryStore, OrderStore, ProductStore } from '../../storage/ports.js';
import { viewOf, type CartView } from './cart-view.js';
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

export type ChangeResult =
  | { status: 'updated' | 'removed' | 'cleared'; cart: CartView; name?: string; quantity?: number }
  | { status: 'not_in_cart'; cart: CartView }
  | { status: 'insufficient_stock'; cart: CartView; name: string; available: number };

export type CheckoutResult =
  | { status: 'placed'; order: Order; customer: Customer }
  | { status: 'empty' }
  | { status: 'out_of_stock'; name: string; available: number }
  | { status: 'redemption_refused'; message: string; max_points: number }
  | { status: 'no_pickup_store' }
  | { status: 'cart_changed' };

export interface CheckoutInput {
  customer: Customer;
  redeem_points?: number;
  fulfilment?: { type: 'ship' } | { type: 'pickup'; store_id?: string };
}

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

/** How often checkout re-prices when the cart changed under it (another tab, another channel). */
const CHECKOUT_ATTEMPTS = 3;

export function createCartAgent(deps: {
  products: ProductStore;
  inventory: InventoryStore;
  carts: CartStore;
  orders: OrderStore;
  loyalty: LoyaltySettings;
  newOrderId?: () => string;
  now?: () => Date;
}): CartAgent {
  const newOrderId = deps.newOrderId ?? (() => `ORD-${randomUUID().slice(0, 8).toUpperCase()}`);
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

  async function pickupStore(
    customer: Customer,
    lines: { sku: string; quantity: number }[],
  ): Promise<string | null> {
    const stores = await deps.inventory.stores();
    const productIds = [...new Set((await deps.carts.get(customer.user_id)).items.map((i) => i.product_id))];
    const levels = await deps.inventory.stockForProducts(productIds);
    const holdsAll = (storeId: string) =>
      lines.every(
        (line) =>
          (levels.find((l) => l.sku === line.sku && l.location_id === storeId)?.quantity ?? 0) >=
          line.quantity,
      );
    const from = customer.location;
    const ranked = stores
      .filter((s) => holdsAll(s.store_id))
      .sort((a, b) => (from ? distanceKm(from, a.location) - distanceKm(from, b.location) : 0));
    return ranked[0]?.store_id ?? null;
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

    async checkout(userId, { customer, redeem_points = 0, fulfilment: requested = { type: 'ship' } }) {
      for (let attempt = 0; attempt < CHECKOUT_ATTEMPTS; attempt++) {
        const cart = await deps.carts.get(userId);
        if (cart.items.length === 0) return { status: 'empty' };
        const products = new Map(
          (await deps.products.getMany(cart.items.map((i) => i.product_id))).map((p) => [p.product_id, p]),
        );
        const gone = cart.items.find((i) => products.get(i.product_id)?.status !== 'active');
        if (gone) return { status: 'out_of_stock', name: gone.name, available: 0 };
        // Checkout charges today's catalogue price, whatever the cart recorded when the item was added.
        const lines = cart.items.map((i) =>
          priceLine({ ...i, unit_price: products.get(i.product_id)?.price ?? i.price }),
        );
        let fulfilment: Fulfilment = { type: 'ship' };
        if (requested.type === 'pickup') {
          const storeId = requested.store_id ?? (await pickupStore(customer, lines));
          if (!storeId) return { status: 'no_pickup_store' };
          fulfilment = { type: 'pickup', store_id: storeId };
        }
        let totals;
        try {
          totals = priceOrder({
            lines,
            tier: customer.loyalty_tier,
            points_balance: customer.loyalty_points,
            redeem_points,
            fulfilment,
            loyalty: deps.loyalty,
          });
        } catch (error) {
          if (isAppError(error) && error.code === 'REDEMPTION_NOT_ALLOWED') {
            return {
              status: 'redemption_refused',
              message: error.message,
              max_points: Number(error.details.max_points ?? 0),
            };
          }
          throw error;
        }
        const result = await deps.orders.place({
          order_id: newOrderId(),
          user_id: userId,
          cart_version: cart.version,
          lines,
          totals,
          fulfilment,
          loyalty_tier: customer.loyalty_tier,
          created_at: now().toISOString(),
        });
        if (result.ok) return { status: 'placed', order: result.order, customer: result.customer };
        if (result.reason === 'OUT_OF_STOCK') {
          return {
            status: 'out_of_stock',
            name: lines.find((l) => l.sku === result.sku)?.name ?? result.sku,
            available: result.available,
          };
        }
        if (result.reason === 'INSUFFICIENT_POINTS') {
          return {
            status: 'redemption_refused',
            message: `You have ${result.balance} points.`,
            max_points: result.balance,
          };
        }
      }
      return { status: 'cart_changed' };
    },

    async orders(userId, limit = 5) {
      return deps.orders.listForUser(userId, limit);
    },
  };
}
