import type { ReplyContext } from '../flow.js';
import type { AddResult, ChangeResult } from '../../agents/cart/cart-agent.js';
import type { CartView } from '../../agents/cart/cart-view.js';
import type { LoyaltyQuote } from '../../agents/loyalty/loyalty-agent.js';
import { plural, vary } from '../../replies/phrasing.js';
import { cartText, quoteText, variantOf } from '../shared/cart-text.js';

export function addText(r: AddResult, ctx: ReplyContext, quote?: LoyaltyQuote): string {
  switch (r.status) {
    case 'added':
      return [
        vary(ctx.seed, ['Done!', 'All set!', 'Great choice!']) +
          ` Added ${r.quantity} x ${r.name}${variantOf(r.color, r.size)} to your cart at ${ctx.money(r.price)} each.`,
        `Your cart now has ${plural(r.cart.item_count, 'item')}, subtotal ${ctx.money(r.cart.subtotal)}.`,
        quoteText(ctx, quote),
        vary(ctx.seed + 1, [
          'Ready to check out, or keep shopping?',
          'Anything else, or shall we check out?',
        ]),
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

export function changeText(r: ChangeResult, ctx: ReplyContext): string {
  if (r.status === 'cleared') return 'Your cart is now empty.';
  if (r.status === 'not_in_cart') return "I couldn't find that in your cart. " + cartText(r.cart, ctx);
  if (r.status === 'insufficient_stock') return `Sorry, only ${r.available} of the ${r.name} are available.`;
  const head =
    r.status === 'removed' ? `Removed the ${r.name} from your cart.` : `Updated: ${r.quantity} x ${r.name}.`;
  return `${head} ${cartSummary(r.cart, ctx)}`;
}

const cartSummary = (cart: CartView, ctx: ReplyContext): string =>
  cart.item_count === 0
    ? 'Your cart is now empty.'
    : `You have ${plural(cart.item_count, 'item')}, subtotal ${ctx.money(cart.subtotal)}.`;
