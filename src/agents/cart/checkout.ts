import type { OrderStore } from '../../orders/order-store.js';
import { randomUUID } from 'node:crypto';
import type { LoyaltySettings } from '../../domain/loyalty.js';
import { roundMoney } from '../../domain/money.js';
import { priceLine, priceOrder } from '../../domain/pricing.js';
import { skuPrice } from '../../domain/variant-price.js';
import type {
  AuditAction,
  AuditEntry,
  Customer,
  Fulfilment,
  Order,
  OrderLine,
  OrderTotals,
} from '../../domain/types.js';
import { isAppError } from '../../errors.js';
import type { Shop } from '../../shop/shop.js';
import type { CartStore, InventoryStore, ProductStore } from '../../storage/ports.js';
import type { Clock } from '../../domain/clock.js';
import type { HoldRefusal } from '../../domain/holds.js';
import { isGuestId } from '../../domain/customer.js';

/** What an order will be, priced from today's catalogue: what a customer confirms before it is placed. */
export interface CheckoutSummary {
  lines: OrderLine[];
  totals: OrderTotals;
  fulfilment: Fulfilment;
  /** The cart version priced; the order is placed only from this version. */
  cart_version: number;
}

type Refusal =
  | { status: 'empty' }
  | { status: 'out_of_stock'; name: string; available: number }
  | { status: 'redemption_refused'; message: string; max_points: number }
  | { status: 'unknown_shipping_method'; method: string }
  /** Setting these units aside unpaid would break a limit on what unpaid orders hold (domain/holds.ts). */
  | ({ status: 'hold_limit'; name: string } & HoldRefusal);

export type QuoteResult = { status: 'quoted'; summary: CheckoutSummary } | Refusal;

export type CheckoutResult =
  | { status: 'placed'; order: Order; customer: Customer }
  | Refusal
  /** The cart or its prices moved since the summary the customer confirmed: here is the new one. */
  | { status: 'cart_changed'; summary?: CheckoutSummary }
  /** The customer already holds as many unpaid orders as the shop allows. */
  | { status: 'too_many_unpaid'; limit: number };

export interface CheckoutInput {
  customer: Customer;
  redeem_points?: number;
  /** Who is acting, for the audit trail. */
  actor?: string;
  /** How the order reaches the customer; shipping by the shop's first method when absent. */
  fulfilment?: Fulfilment;
  /** Place only if the cart is still at this version and totals this much (the summary confirmed). */
  expect?: { cart_version: number; total: number };
  /** The conversation it is placed in, where the customer hears what becomes of it. */
  session_id?: string;
  /** The client's network address, when known: what a guest's unpaid orders hold is capped by it. */
  client_address?: string | null;
}

/** How often checkout re-prices when the cart changed under it (another tab, another channel). */
const CHECKOUT_ATTEMPTS = 3;

export interface PaymentRules {
  /** Minutes an order may stay unpaid before it expires. */
  minutes: number;
  /** Unpaid orders one customer may hold at once. */
  max_unpaid: number;
  /** Share of a variant's units that unpaid orders together may hold (see HoldLimits). */
  unpaid_share: number;
  /** A guest costs nothing to make, so what a guest's unpaid orders hold is held for less, and less of it. */
  guest: {
    minutes: number;
    /** Units of a variant a guest's unpaid orders may hold together. */
    units_per_variant: number;
    /** Units of a variant guests' unpaid orders placed from one address may hold together. */
    units_per_address: number;
  };
}

/**
 * Checkout: prices the cart from today's catalogue with the customer's tier, any points to redeem and the
 * shop's shipping and tax rates (`quote`), then places the order atomically (`place`), only from the cart
 * version and total the customer confirmed when one is given. Retries when the cart changed between pricing
 * and placing an unconfirmed order.
 */
export function createCheckout(deps: {
  products: ProductStore;
  inventory: InventoryStore;
  carts: CartStore;
  orders: OrderStore;
  loyalty: LoyaltySettings;
  shop: Pick<Shop, 'shipping' | 'tax'>;
  /** From the configuration (ORDER_PAYMENT_TIMEOUT_MINUTES, UNPAID_STOCK_SHARE, GUEST_...). */
  payment: PaymentRules;
  newOrderId?: () => string;
  now: Clock;
  record?: (
    userId: string,
    actor: string | undefined,
    action: AuditAction,
    details: AuditEntry['details'],
  ) => Promise<void>;
}): {
  quote(userId: string, input: CheckoutInput): Promise<QuoteResult>;
  place(userId: string, input: CheckoutInput): Promise<CheckoutResult>;
} {
  const newOrderId = deps.newOrderId ?? (() => `ORD-${randomUUID().slice(0, 8).toUpperCase()}`);
  const { now } = deps;
  const { payment } = deps;

  async function quote(
    userId: string,
    { customer, redeem_points = 0, fulfilment = { type: 'ship' } }: CheckoutInput,
  ): Promise<QuoteResult> {
    const cart = await deps.carts.get(userId);
    if (cart.items.length === 0) return { status: 'empty' };
    const products = new Map(
      (await deps.products.getMany(cart.items.map((i) => i.product_id))).map((p) => [p.product_id, p]),
    );
    const gone = cart.items.find((i) => products.get(i.product_id)?.status !== 'active');
    if (gone) return { status: 'out_of_stock', name: gone.name, available: 0 };
    // Checkout charges today's catalogue price of each line's variant, whatever the cart recorded when the
    // item was added. Prices are charged in the currency's minor unit: whole yen, cents.
    const lines = cart.items.map((i) => {
      const product = products.get(i.product_id);
      const unit = product ? skuPrice(product, i.sku).price : i.price;
      return priceLine({ ...i, unit_price: roundMoney(unit, deps.loyalty.digits) });
    });
    // More of a variant than any guest may hold unpaid is said before the summary, not after the "yes";
    // what other unpaid orders hold is counted when the order is placed.
    const most = payment.guest.units_per_variant;
    const over = isGuestId(userId) ? lines.find((l) => l.quantity > most) : undefined;
    if (over) return { status: 'hold_limit', name: over.name, limit: 'customer', max: most, available: most };
    const method =
      fulfilment.type === 'ship'
        ? deps.shop.shipping.find((m) => m.id === (fulfilment.method ?? deps.shop.shipping[0]?.id))
        : undefined;
    if (fulfilment.type === 'ship' && !method)
      return { status: 'unknown_shipping_method', method: fulfilment.method ?? '' };
    try {
      const totals = priceOrder({
        lines,
        tier: customer.loyalty_tier,
        points_balance: customer.loyalty_points,
        redeem_points,
        fulfilment,
        shipping: method ?? { cost: 0 },
        tax: deps.shop.tax,
        loyalty: deps.loyalty,
      });
      const priced: Fulfilment =
        fulfilment.type === 'ship' ? { ...fulfilment, method: method!.id } : fulfilment;
      return { status: 'quoted', summary: { lines, totals, fulfilment: priced, cart_version: cart.version } };
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
  }

  /** What this customer's unpaid order may hold, and for how long. */
  function holdsFor(customer: Customer, address: string | null) {
    const { guest } = payment;
    const isGuest = isGuestId(customer.user_id);
    return {
      minutes: isGuest ? guest.minutes : payment.minutes,
      placed_from: isGuest ? address : null,
      holds: {
        unpaid_share: payment.unpaid_share,
        ...(isGuest ? { per_customer: guest.units_per_variant } : {}),
        ...(isGuest && address ? { per_address: guest.units_per_address } : {}),
      },
    };
  }

  async function place(userId: string, input: CheckoutInput): Promise<CheckoutResult> {
    const { customer, actor, expect } = input;
    const { minutes, holds, placed_from } = holdsFor(customer, input.client_address ?? null);
    for (let attempt = 0; attempt < CHECKOUT_ATTEMPTS; attempt++) {
      const quoted = await quote(userId, input);
      if (quoted.status !== 'quoted') return quoted;
      const { summary } = quoted;
      if (expect && (summary.cart_version !== expect.cart_version || summary.totals.total !== expect.total)) {
        return { status: 'cart_changed', summary };
      }
      const result = await deps.orders.place({
        order_id: newOrderId(),
        user_id: userId,
        cart_version: summary.cart_version,
        lines: summary.lines,
        totals: summary.totals,
        fulfilment: summary.fulfilment,
        loyalty_tier: customer.loyalty_tier,
        tiers: deps.loyalty.tiers,
        created_at: now().toISOString(),
        expires_at: new Date(now().getTime() + minutes * 60_000).toISOString(),
        max_unpaid: payment.max_unpaid,
        session_id: input.session_id ?? null,
        holds,
        placed_from,
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
          name: summary.lines.find((l) => l.sku === result.sku)?.name ?? result.sku,
          available: result.available,
        };
      }
      if (result.reason === 'TOO_MANY_UNPAID') return { status: 'too_many_unpaid', limit: result.limit };
      if (result.reason === 'HOLD_LIMIT') {
        const { ok: _ok, reason: _reason, sku, ...refusal } = result;
        return {
          status: 'hold_limit',
          name: summary.lines.find((l) => l.sku === sku)?.name ?? sku,
          ...refusal,
        };
      }
      if (result.reason === 'INSUFFICIENT_POINTS') {
        return {
          status: 'redemption_refused',
          message: `You have ${result.balance} points.`,
          max_points: result.balance,
        };
      }
      // A confirmed summary is never silently re-priced: the customer sees the new one.
      if (expect) return { status: 'cart_changed' };
    }
    return { status: 'cart_changed' };
  }

  return { quote, place };
}
