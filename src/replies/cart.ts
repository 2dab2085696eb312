import type { AddResult, ChangeResult, CheckoutResult } from '../agents/cart/cart-agent.js';
import type { CartView } from '../agents/cart/cart-view.js';
import type { LoyaltyQuote } from '../agents/loyalty/loyalty-agent.js';
import type { Order } from '../domain/types.js';
import { list, money, percent, plural, points, vary } from './phrasing.js';

const variantOf = (color: string | null, size: string | null): string => {
  const parts = [color, size && `size ${size}`].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

export function cartText(cart: CartView, seed: number, quote?: LoyaltyQuote): string {
  if (cart.items.length === 0) {
    return (
      vary(seed, ['Your cart is empty.', 'There is nothing in your cart yet.']) + ' Want some suggestions?'
    );
  }
  const lines = cart.items.map(
    (i) => `- ${i.quantity} x ${i.name}${variantOf(i.color, i.size)}: ${money(i.line_total)}`,
  );
  return [
    `Your cart (${plural(cart.item_count, 'item')}):`,
    ...lines,
    `Subtotal: ${money(cart.subtotal)}`,
    quoteText(quote),
  ]
    .filter(Boolean)
    .join('\n');
}

export function quoteText(quote?: LoyaltyQuote): string {
  if (!quote) return '';
  const parts: string[] = [];
  if (quote.discount > 0) {
    parts.push(
      `your ${quote.tier} discount of ${percent(quote.discount_rate)} takes off ${money(quote.discount)}`,
    );
  }
  parts.push(`you'll earn ${points(quote.points_earned)}`);
  if (quote.max_redeemable_points > 0) {
    parts.push(
      `you can redeem up to ${points(quote.max_redeemable_points)} (${money(quote.max_redeemable_value)})`,
    );
  }
  return `At checkout ${list(parts)}.`;
}

export function addText(r: AddResult, seed: number, quote?: LoyaltyQuote): string {
  switch (r.status) {
    case 'added':
      return [
        vary(seed, ['Done!', 'All set!', 'Great choice!']) +
          ` Added ${r.quantity} x ${r.name}${variantOf(r.color, r.size)} to your cart at ${money(r.price)} each.`,
        `Your cart now has ${plural(r.cart.item_count, 'item')}, subtotal ${money(r.cart.subtotal)}.`,
        quoteText(quote),
        vary(seed + 1, ['Ready to check out, or keep shopping?', 'Anything else, or shall we check out?']),
      ]
        .filter(Boolean)
        .join('\n');
    case 'needs_variant': {
      const asks = r.missing.map((m) =>
        m === 'color' ? `colour (${r.colors.join(', ')})` : `size (${r.sizes.join(', ')})`,
      );
      return `Which ${asks.join(' and which ')} would you like for the ${r.name}?`;
    }
    case 'variant_unavailable':
      return `The ${r.name} isn't available in that option. In stock: ${
        [
          r.colors.length ? `colours ${r.colors.join(', ')}` : '',
          r.sizes.length ? `sizes ${r.sizes.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; ') || 'none right now'
      }.`;
    case 'insufficient_stock':
      return r.available === 0
        ? `Sorry, the ${r.name} is sold out for delivery right now.`
        : `Sorry, only ${r.available} of the ${r.name} can be ordered${r.in_cart ? ` and you already have ${r.in_cart} in your cart` : ''}.`;
    case 'not_found':
      return `I couldn't find product ${r.product_id}. Could you tell me which one you mean?`;
  }
}

export function changeText(r: ChangeResult, seed: number): string {
  if (r.status === 'cleared') return 'Your cart is now empty.';
  if (r.status === 'not_in_cart') return "I couldn't find that in your cart. " + cartText(r.cart, seed);
  if (r.status === 'insufficient_stock') return `Sorry, only ${r.available} of the ${r.name} are available.`;
  const head =
    r.status === 'removed' ? `Removed the ${r.name} from your cart.` : `Updated: ${r.quantity} x ${r.name}.`;
  return `${head} ${cartSummary(r.cart)}`;
}

const cartSummary = (cart: CartView): string =>
  cart.item_count === 0
    ? 'Your cart is now empty.'
    : `You have ${plural(cart.item_count, 'item')}, subtotal ${money(cart.subtotal)}.`;

export function checkoutText(r: CheckoutResult, seed: number): string {
  switch (r.status) {
    case 'placed': {
      const o = r.order;
      const rows = [
        vary(seed, ['Your order is placed!', 'Order confirmed!', 'All done - your order is in!']) +
          ` Order ${o.order_id}:`,
        ...o.items.map(
          (i) => `- ${i.quantity} x ${i.name}${variantOf(i.color, i.size)}: ${money(i.line_total)}`,
        ),
        `Subtotal: ${money(o.subtotal)}`,
        o.tier_discount > 0
          ? `${o.loyalty_tier} discount (${percent(o.tier_discount_rate)}): -${money(o.tier_discount)}`
          : '',
        o.points_redeemed > 0 ? `${points(o.points_redeemed)} redeemed: -${money(o.points_discount)}` : '',
        o.fulfilment.type === 'pickup'
          ? 'Store pickup: free'
          : `Shipping: ${o.shipping === 0 ? 'free' : money(o.shipping)}`,
        `Total: ${money(o.total)}`,
        `You earned ${points(o.points_earned)}; your balance is now ${points(r.customer.loyalty_points)} (${r.customer.loyalty_tier}).`,
        'The order is awaiting payment; you will get a payment link to complete it.',
      ];
      return rows.filter(Boolean).join('\n');
    }
    case 'empty':
      return 'Your cart is empty, so there is nothing to check out yet. What are you looking for?';
    case 'out_of_stock':
      return r.available === 0
        ? `Sorry, the ${r.name} just sold out, so I couldn't place the order. Nothing was charged; want me to remove it?`
        : `Sorry, only ${r.available} of the ${r.name} are left, so I couldn't place the order. Shall I update the quantity?`;
    case 'redemption_refused':
      return `I couldn't apply those points: ${r.message} Nothing was ordered yet - say "checkout" to order without points, or redeem fewer.`;
    case 'no_pickup_store':
      return "No single store has everything in your cart for pickup. I can ship it instead - just say 'checkout'.";
    case 'cart_changed':
      return 'Your cart changed while I was placing the order. Please check it and try again.';
  }
}

export function ordersText(orders: Order[]): string {
  if (orders.length === 0) return "You haven't placed any orders yet.";
  return [
    `Your recent orders:`,
    ...orders.map(
      (o) =>
        `- ${o.order_id} (${o.created_at.slice(0, 10)}): ${plural(
          o.items.reduce((n, i) => n + i.quantity, 0),
          'item',
        )}, ${money(o.total)}, ${o.status.replace(/_/g, ' ')}`,
    ),
  ].join('\n');
}
