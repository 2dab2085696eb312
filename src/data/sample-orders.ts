import { priceLine, priceOrder } from '../domain/pricing.js';
import { variantPrice } from '../domain/variant-price.js';
import { currencyDigits } from '../domain/money.js';
import type { Address, Customer, Fulfilment, Order, OrderStatus, Product } from '../domain/types.js';
import { loadShop } from '../shop/load-shop.js';

const SHOP = loadShop(undefined);
const LOYALTY = {
  ...SHOP.loyalty,
  min_redemption: 100,
  point_value: 0.1,
  digits: currencyDigits(SHOP.currency),
};
const DAY_MS = 86_400_000;

const HOME: Address = { line1: '12 Market St', city: 'San Francisco', region: 'CA', postal_code: '94103' };

interface Plan {
  order_id: string;
  user_id: string;
  product: Product | undefined;
  status: OrderStatus;
  /** Days before now it was placed, and days later it reached its status. */
  placed: number;
  moved: number;
  pickup?: string;
  shipment?: { carrier: string; tracking_number: string };
  refunded?: boolean;
}

/**
 * Past orders for the sample customers, one or more in every state: Alex (`user123`) has one delivered
 * long ago, one delivered recently and one shipped with tracking; others have one paid and being
 * prepared, one awaiting payment (it expires like any other), a cancelled and refunded one, an expired
 * one and one ready for pickup. Dates count back from `now`, so the shop looks lived in whenever it
 * is first started.
 */
export function sampleOrders(
  products: readonly Product[],
  customers: readonly Customer[],
  now: Date,
  paymentMinutes: number,
): Order[] {
  const byCategory = (category: string) => products.find((p) => p.category === category) ?? products[0];
  const user = (i: number) => customers[i]?.user_id ?? 'user123';
  const plans: Plan[] = [
    {
      order_id: 'ORD-5A3F0101',
      user_id: 'user123',
      product: byCategory('t-shirts'),
      status: 'delivered',
      placed: 100,
      moved: 4,
    },
    {
      order_id: 'ORD-5A3F0102',
      user_id: 'user123',
      product: byCategory('headphones'),
      status: 'delivered',
      placed: 9,
      moved: 3,
    },
    {
      order_id: 'ORD-5A3F0103',
      user_id: 'user123',
      product: byCategory('shoes'),
      status: 'fulfilled',
      placed: 3,
      moved: 2,
      shipment: { carrier: 'UPS', tracking_number: '1Z999AA10123456784' },
    },
    {
      order_id: 'ORD-5A3F0201',
      user_id: user(1),
      product: byCategory('kitchen'),
      status: 'paid',
      placed: 1,
      moved: 0,
    },
    {
      order_id: 'ORD-5A3F0202',
      user_id: user(1),
      product: byCategory('hoodies'),
      status: 'pending_payment',
      placed: 0,
      moved: 0,
    },
    {
      order_id: 'ORD-5A3F0301',
      user_id: user(2),
      product: byCategory('jackets'),
      status: 'cancelled',
      placed: 20,
      moved: 1,
      refunded: true,
    },
    {
      order_id: 'ORD-5A3F0302',
      user_id: user(2),
      product: byCategory('phones'),
      status: 'expired',
      placed: 6,
      moved: 0,
    },
    {
      order_id: 'ORD-5A3F0401',
      user_id: user(3),
      product: byCategory('laptops'),
      status: 'fulfilled',
      placed: 2,
      moved: 1,
      pickup: 'SF-DOWNTOWN',
    },
  ];
  const orders: Order[] = [];
  for (const plan of plans) {
    const customer = customers.find((c) => c.user_id === plan.user_id);
    const product = plan.product;
    const variant = product?.variants[0];
    if (!customer || !product || !variant) continue;
    const line = priceLine({
      product_id: product.product_id,
      sku: variant.sku,
      name: product.name,
      color: variant.color,
      size: variant.size,
      quantity: 1,
      unit_price: variantPrice(product, variant).price,
    });
    const fulfilment: Fulfilment = plan.pickup
      ? { type: 'pickup', store_id: plan.pickup }
      : { type: 'ship', method: SHOP.shipping[0]!.id, address: HOME };
    const totals = priceOrder({
      lines: [line],
      tier: customer.loyalty_tier,
      points_balance: 0,
      redeem_points: 0,
      fulfilment,
      shipping: SHOP.shipping[0]!,
      loyalty: LOYALTY,
    });
    // Placed earlier in the day than now, so "today" orders are never in the future.
    const placedAt = new Date(now.getTime() - plan.placed * DAY_MS - 2 * 3_600_000);
    const movedAt = new Date(Math.min(now.getTime(), placedAt.getTime() + plan.moved * DAY_MS + 3_600_000));
    const unpaid = plan.status === 'pending_payment';
    orders.push({
      ...totals,
      order_id: plan.order_id,
      user_id: plan.user_id,
      items: [line],
      status: plan.status,
      fulfilment,
      loyalty_tier: customer.loyalty_tier,
      created_at: placedAt.toISOString(),
      expires_at:
        unpaid || plan.status === 'expired'
          ? new Date((unpaid ? now.getTime() : placedAt.getTime()) + paymentMinutes * 60_000).toISOString()
          : null,
      updated_at: (unpaid ? placedAt : movedAt).toISOString(),
      carrier: plan.shipment?.carrier ?? null,
      tracking_number: plan.shipment?.tracking_number ?? null,
      refund_amount: plan.refunded ? totals.total : null,
      payment_ref: null,
      payment_url: null,
      payment_checkout: null,
      session_id: null,
    });
  }
  return orders;
}
