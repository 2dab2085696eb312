import type { CartView } from '../../agents/cart/cart-view.js';
import type { LoyaltyQuote } from '../../agents/loyalty/loyalty-agent.js';
import { list, money, percent, plural, points, vary } from '../../replies/phrasing.js';

export const variantOf = (color: string | null, size: string | null): string => {
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
