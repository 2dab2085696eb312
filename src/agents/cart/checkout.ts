import { randomUUID } from 'node:crypto';
import { distanceKm } from '../../domain/geo.js';
import type { LoyaltySettings } from '../../domain/loyalty.js';
import type { Shop } from '../../shop/shop.js';
import { priceLine, priceOrder } from '../../domain/pricing.js';
import type {
  AuditAction,
  AuditEntry,
  Customer,
  Fulfilment,
  GeoPoint,
  Order,
  OrderLine,
} from '../../domain/types.js';
import { isAppError } from '../../errors.js';
import type { CartStore, InventoryStore, OrderStore, ProductStore } from '../../storage/ports.js';

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
  /** Who is acting, for the audit trail. */
  actor?: string;
  fulfilment?: { type: 'ship' } | { type: 'pickup'; store_id?: string };
}

/** How often checkout re-prices when the cart changed under it (another tab, another channel). */
const CHECKOUT_ATTEMPTS = 3;

/** The store nearest `from` that holds every line of the order, for pickup; null when none does. */
async function nearestStoreHolding(
  inventory: InventoryStore,
  from: GeoPoint | null,
  lines: readonly OrderLine[],
): Promise<string | null> {
  const [stores, levels] = await Promise.all([
    inventory.stores(),
    inventory.stockForProducts([...new Set(lines.map((l) => l.product_id))]),
  ]);
  const holdsAll = (storeId: string) =>
    lines.every(
      (line) =>
        (levels.find((l) => l.sku === line.sku && l.location_id === storeId)?.quantity ?? 0) >= line.quantity,
    );
  const ranked = stores
    .filter((s) => holdsAll(s.store_id))
    .sort((a, b) => (from ? distanceKm(from, a.location) - distanceKm(from, b.location) : 0));
  return ranked[0]?.store_id ?? null;
}

/**
 * Checkout: prices the cart from today's catalogue with the customer's tier and any points to redeem, then
 * places the order atomically. Retries when the cart changed between pricing and placing.
 */
export function createCheckout(deps: {
  products: ProductStore;
  inventory: InventoryStore;
  carts: CartStore;
  orders: OrderStore;
  loyalty: LoyaltySettings;
  shop: Pick<Shop, 'shipping'>;
  newOrderId?: () => string;
  now?: () => Date;
  record?: (
    userId: string,
    actor: string | undefined,
    action: AuditAction,
    details: AuditEntry['details'],
  ) => Promise<void>;
}): (userId: string, input: CheckoutInput) => Promise<CheckoutResult> {
  const newOrderId = deps.newOrderId ?? (() => `ORD-${randomUUID().slice(0, 8).toUpperCase()}`);
  const now = deps.now ?? (() => new Date());
  return async (userId, { customer, redeem_points = 0, fulfilment: requested = { type: 'ship' }, actor }) => {
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
        const storeId =
          requested.store_id ?? (await nearestStoreHolding(deps.inventory, customer.location, lines));
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
          shipping: deps.shop.shipping[0]!,
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
      if (result.ok) {
        const { order } = result;
        await deps.record?.(userId, actor, 'order.place', {
          order_id: order.order_id,
          total: order.total,
          items: order.items.length,
        });
        if (order.points_redeemed > 0) {
          await deps.record?.(userId, actor, 'points.redeem', {
            order_id: order.order_id,
            points: order.points_redeemed,
            value: order.points_discount,
          });
        }
        return { status: 'placed', order, customer: result.customer };
      }
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
  };
}
