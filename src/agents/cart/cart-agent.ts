import type { OrderStore } from '../../orders/order-store.js';
import type { LoyaltySettings } from '../../domain/loyalty.js';
import type { Shop } from '../../shop/shop.js';
import {
  ONLINE_LOCATION,
  type AuditAction,
  type AuditEntry,
  type Order,
  type Product,
} from '../../domain/types.js';
import type { AuditStore, CartStore, InventoryStore, ProductStore } from '../../storage/ports.js';
import { viewOf, type CartView } from './cart-view.js';
import {
  createCheckout,
  type CheckoutInput,
  type CheckoutResult,
  type CheckoutSummary,
  type PaymentRules,
  type QuoteResult,
} from './checkout.js';
import { chooseVariant } from './variants.js';
import { variantPrice } from '../../domain/variant-price.js';
import type { Clock } from '../../domain/clock.js';

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
  | ({ status: 'invalid_quantity'; product_id: string; name: string } & QuantityProblem)
  | { status: 'not_found'; product_id: string };

/** Why a quantity was refused: a line holds 1 to `limit` whole units. */
export interface QuantityProblem {
  quantity: number;
  reason: 'not_whole' | 'below_one' | 'over_limit';
  /** The most one line may hold (the shop's maximum). */
  limit: number;
  /** Units of this variant already in the cart. */
  in_cart: number;
}

/** Refuses a quantity that is not a whole number from 1, or that would take the line over the limit. */
export function quantityProblem(quantity: number, inCart: number, limit: number): QuantityProblem | null {
  const problem = (reason: QuantityProblem['reason']) => ({ quantity, reason, limit, in_cart: inCart });
  if (!Number.isInteger(quantity)) return problem('not_whole');
  if (quantity < 1) return problem('below_one');
  if (inCart + quantity > limit) return problem('over_limit');
  return null;
}

export type { CheckoutInput, CheckoutResult, CheckoutSummary, QuoteResult };

export type ChangeResult =
  | {
      status: 'updated' | 'removed' | 'cleared';
      cart: CartView;
      name?: string;
      quantity?: number;
      /** Units "remove one" took off a line that still holds some. */
      removed?: number;
    }
  /** Nothing to change: the line already was what was asked. */
  | { status: 'unchanged'; cart: CartView; name: string; quantity: number }
  | {
      status: 'swapped';
      cart: CartView;
      name: string;
      quantity: number;
      from: { color: string | null; size: string | null };
      to: { color: string | null; size: string | null };
    }
  | { status: 'not_in_cart'; cart: CartView }
  | { status: 'insufficient_stock'; cart: CartView; name: string; available: number }
  | ({ status: 'invalid_quantity'; cart: CartView; name: string } & QuantityProblem)
  | { status: 'variant_unavailable'; cart: CartView; name: string; colors: string[]; sizes: string[] };

/** Who is acting, for the audit trail; the customer themself when absent. */
export interface Acting {
  actor?: string;
}

/** The cart agent. Every change it makes is recorded in the audit trail with who made it. */
export interface CartAgent {
  view(userId: string): Promise<CartView>;
  add(
    userId: string,
    input: { product_id: string; color?: string; size?: string; quantity?: number } & Acting,
  ): Promise<AddResult>;
  /** Sets the quantity of a cart line picked by product id (first matching line) or sku. */
  update(
    userId: string,
    input: { product_id?: string; sku?: string; quantity: number } & Acting,
  ): Promise<ChangeResult>;
  /**
   * Removes a line, or with `quantity` takes that many units off it ("remove one"); taking off as many as
   * the line holds, or more, removes it.
   */
  remove(
    userId: string,
    input: { product_id?: string; sku?: string; quantity?: number } & Acting,
  ): Promise<ChangeResult>;
  /** Replaces a line's variant by another colour or size of the same product, keeping its quantity. */
  swapVariant(
    userId: string,
    input: { sku: string; color?: string; size?: string } & Acting,
  ): Promise<ChangeResult>;
  clear(userId: string, input?: Acting): Promise<ChangeResult>;
  /** Prices the cart as an order would be, placing nothing: the summary a customer confirms. */
  quote(userId: string, input: CheckoutInput): Promise<QuoteResult>;
  /** Places the order; with `expect`, only from the confirmed cart version and total. */
  checkout(userId: string, input: CheckoutInput): Promise<CheckoutResult>;
  orders(userId: string, limit?: number): Promise<Order[]>;
}

export function createCartAgent(deps: {
  products: ProductStore;
  inventory: InventoryStore;
  carts: CartStore;
  orders: OrderStore;
  loyalty: LoyaltySettings;
  /** How long an order may stay unpaid, and how many unpaid ones a customer may hold. */
  payment: PaymentRules;
  /** The shop's shipping methods, tax and cart limits. */
  shop: Pick<Shop, 'shipping' | 'tax' | 'cart'>;
  audit?: AuditStore;
  newOrderId?: () => string;
  now: Clock;
}): CartAgent {
  const { now } = deps;
  const limit = deps.shop.cart.max_line_quantity;
  const record = async (
    userId: string,
    actor: string | undefined,
    action: AuditAction,
    details: AuditEntry['details'],
  ) =>
    deps.audit?.record({
      at: now().toISOString(),
      actor: actor ?? `customer:${userId}`,
      user_id: userId,
      action,
      details,
    });

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

    async add(userId, { product_id, color, size, quantity = 1, actor }) {
      const product = await deps.products.get(product_id);
      if (!product || product.status !== 'active') return { status: 'not_found', product_id };
      const stock = await onlineStock(product);
      const choice = chooseVariant(product, { color, size }, (sku) => (stock.get(sku) ?? 0) > 0);
      const base = { product_id, name: product.name };
      // A quantity that can never be right is refused before asking which colour or size.
      const early = quantityProblem(quantity, 0, limit);
      if (early) return { status: 'invalid_quantity', ...base, ...early };
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
      const { price } = variantPrice(product, variant);
      const available = stock.get(variant.sku) ?? 0;
      const inCart = (await deps.carts.get(userId)).items.find((i) => i.sku === variant.sku)?.quantity ?? 0;
      const problem = quantityProblem(quantity, inCart, limit);
      if (problem) return { status: 'invalid_quantity', ...base, ...problem };
      const result = await deps.carts.addItem(
        userId,
        {
          product_id,
          sku: variant.sku,
          name: product.name,
          quantity,
          price,
          color: variant.color,
          size: variant.size,
          added_at: now().toISOString(),
        },
        available,
      );
      if (!result.ok) return { status: 'insufficient_stock', ...base, available, in_cart: result.in_cart };
      await record(userId, actor, 'cart.add', {
        product_id,
        sku: variant.sku,
        quantity,
      });
      return {
        status: 'added',
        ...base,
        cart: viewOf(result.cart),
        sku: variant.sku,
        quantity,
        color: variant.color,
        size: variant.size,
        price,
      };
    },

    async update(userId, { quantity, actor, ...ref }) {
      const { cart, line } = await findLine(userId, ref);
      if (!line) return { status: 'not_in_cart', cart: viewOf(cart) };
      const problem = quantityProblem(quantity, 0, limit);
      if (problem) return { status: 'invalid_quantity', cart: viewOf(cart), name: line.name, ...problem };
      if (quantity === line.quantity)
        return { status: 'unchanged', cart: viewOf(cart), name: line.name, quantity };
      if (quantity > line.quantity) {
        const product = await deps.products.get(line.product_id);
        const available = product ? ((await onlineStock(product)).get(line.sku) ?? 0) : 0;
        if (quantity > available)
          return { status: 'insufficient_stock', cart: viewOf(cart), name: line.name, available };
      }
      const updated = await deps.carts.setQuantity(userId, line.sku, quantity);
      if (!updated) return { status: 'not_in_cart', cart: viewOf(await deps.carts.get(userId)) };
      await record(userId, actor, 'cart.update', { sku: line.sku, quantity });
      // The reply states the quantity the cart now holds, not the one asked for.
      return {
        status: 'updated',
        cart: viewOf(updated),
        name: line.name,
        quantity: updated.items.find((i) => i.sku === line.sku)?.quantity ?? 0,
      };
    },

    async remove(userId, { actor, quantity, ...ref }) {
      const { cart, line } = await findLine(userId, ref);
      if (!line) return { status: 'not_in_cart', cart: viewOf(cart) };
      if (quantity !== undefined) {
        const problem = quantityProblem(quantity, 0, Number.MAX_SAFE_INTEGER);
        if (problem)
          return { status: 'invalid_quantity', cart: viewOf(cart), name: line.name, ...problem, limit };
      }
      if (quantity !== undefined && quantity < line.quantity) {
        const left = line.quantity - quantity;
        const updated = await deps.carts.setQuantity(userId, line.sku, left);
        if (!updated) return { status: 'not_in_cart', cart: viewOf(await deps.carts.get(userId)) };
        await record(userId, actor, 'cart.update', { sku: line.sku, quantity: left });
        return {
          status: 'updated',
          cart: viewOf(updated),
          name: line.name,
          quantity: left,
          removed: quantity,
        };
      }
      const after = await deps.carts.removeItem(userId, line.sku);
      await record(userId, actor, 'cart.remove', { sku: line.sku, quantity: line.quantity });
      return { status: 'removed', cart: viewOf(after), name: line.name };
    },

    async swapVariant(userId, { sku, color, size, actor }) {
      const { cart, line } = await findLine(userId, { sku });
      if (!line) return { status: 'not_in_cart', cart: viewOf(cart) };
      const product = await deps.products.get(line.product_id);
      if (!product) return { status: 'not_in_cart', cart: viewOf(cart) };
      const stock = await onlineStock(product);
      // "Change the size to L" keeps the colour, "the blue one" keeps the size.
      const choice = chooseVariant(
        product,
        { color: color ?? line.color ?? undefined, size: size ?? line.size ?? undefined },
        (s) => (stock.get(s) ?? 0) >= line.quantity,
      );
      if (choice.kind !== 'chosen' || (stock.get(choice.variant.sku) ?? 0) < line.quantity) {
        const options = choice.kind === 'chosen' ? { colors: [], sizes: [] } : choice;
        return {
          status: 'variant_unavailable',
          cart: viewOf(cart),
          name: line.name,
          colors: options.colors,
          sizes: options.sizes,
        };
      }
      const to = choice.variant;
      if (to.sku === line.sku)
        return { status: 'unchanged', cart: viewOf(cart), name: line.name, quantity: line.quantity };
      const added = await deps.carts.addItem(
        userId,
        {
          ...line,
          sku: to.sku,
          color: to.color,
          size: to.size,
          // Another size can sell at another price: the line is charged the one it becomes.
          price: variantPrice(product, to).price,
          added_at: now().toISOString(),
        },
        Math.min(stock.get(to.sku) ?? 0, limit),
      );
      if (!added.ok)
        return {
          status: 'insufficient_stock',
          cart: viewOf(cart),
          name: line.name,
          available: stock.get(to.sku) ?? 0,
        };
      const after = await deps.carts.removeItem(userId, line.sku);
      await record(userId, actor, 'cart.update', { sku: line.sku, to_sku: to.sku, quantity: line.quantity });
      return {
        status: 'swapped',
        cart: viewOf(after),
        name: line.name,
        quantity: line.quantity,
        from: { color: line.color, size: line.size },
        to: { color: to.color, size: to.size },
      };
    },

    async clear(userId, { actor } = {}) {
      const before = await deps.carts.get(userId);
      const after = await deps.carts.clear(userId);
      if (before.items.length > 0) await record(userId, actor, 'cart.clear', { lines: before.items.length });
      return { status: 'cleared', cart: viewOf(after) };
    },

    ...(({ quote, place }) => ({ quote, checkout: place }))(createCheckout({ ...deps, record })),

    async orders(userId, limit = 5) {
      return deps.orders.listForUser(userId, limit);
    },
  };
}
