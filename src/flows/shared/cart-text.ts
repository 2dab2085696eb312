import type { ReplyContext } from '../flow.js';
import type { CartView } from '../../agents/cart/cart-view.js';
import type { LoyaltyQuote } from '../../agents/loyalty/loyalty-agent.js';
import { list, percent, plural, points, vary } from '../../replies/phrasing.js';

/** A variant in words, "black, size M" ("black size M" with `sep` ' '); empty for a product without options. */
export const variantLabel = (v: { color: string | null; size: string | null } | null, sep = ', '): string =>
  v ? [v.color, v.size && `size ${v.size}`].filter(Boolean).join(sep) : '';

/** " (black, size M)" after a product's name; empty without options. */
export const variantOf = (color: string | null, size: string | null): string => {
  const label = variantLabel({ color, size });
  return label ? ` (${label})` : '';
};

/** "- 2 x Name (black, size M): $25.00", a line of a cart, a summary or an order. */
export const lineText = (
  line: { quantity: number; name: string; color: string | null; size: string | null },
  total: number,
  ctx: ReplyContext,
): string => `- ${line.quantity} x ${line.name}${variantOf(line.color, line.size)}: ${ctx.money(total)}`;

export function cartText(cart: CartView, ctx: ReplyContext, quote?: LoyaltyQuote): string {
  if (cart.items.length === 0) {
    return (
      vary(ctx.seed, ['Your cart is empty.', 'There is nothing in your cart yet.']) +
      ' Want some suggestions?'
    );
  }
  const lines = cart.items.map((i) => lineText(i, i.line_total, ctx));
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
