import type { ReplyContext } from '../flow.js';
import type { CartView } from '../../agents/cart/cart-view.js';
import type { LoyaltyQuote } from '../../agents/loyalty/loyalty-agent.js';
import { list, percent, plural, points, vary } from '../../replies/phrasing.js';

export const variantOf = (color: string | null, size: string | null): string => {
  const parts = [color, size && `size ${size}`].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

export function cartText(cart: CartView, ctx: ReplyContext, quote?: LoyaltyQuote): string {
  if (cart.items.length === 0) {
    return (
      vary(ctx.seed, ['Your cart is empty.', 'There is nothing in your cart yet.']) +
      ' Want some suggestions?'
    );
  }
  const lines = cart.items.map(
    (i) => `- ${i.quantity} x ${i.name}${variantOf(i.color, i.size)}: ${ctx.money(i.line_total)}`,
  );
  return [
    `Your cart (${plural(cart.item_count, 'item')}):`,
    ...lines,
    `Subtotal: ${ctx.money(cart.subtotal)}`,
    quoteText(ctx, quote),
  ]
    .filter(Boolean)
    .join('\n');
}

export function quoteText(ctx: ReplyContext, quote?: LoyaltyQuote): string {
  if (!quote) return '';
  const parts: string[] = [];
  if (quote.discount > 0) {
    parts.push(
      `your ${quote.tier} discount of ${percent(quote.discount_rate)} takes off ${ctx.money(quote.discount)}`,
    );
  }
  parts.push(`you'll earn ${points(quote.points_earned)}`);
  if (quote.max_redeemable_points > 0) {
    parts.push(
      `you can redeem up to ${points(quote.max_redeemable_points)} (${ctx.money(quote.max_redeemable_value)})`,
    );
  }
  return `At checkout ${list(parts)}.`;
}
