import type { ReplyContext } from '../flow.js';
import type { AddResult, ChangeResult, QuantityProblem } from '../../agents/cart/cart-agent.js';
import type { CartView } from '../../agents/cart/cart-view.js';
import type { LoyaltyQuote } from '../../agents/loyalty/loyalty-agent.js';
import { plural, vary } from '../../replies/phrasing.js';
import { cartText, quoteText, variantLabel, variantOf } from '../shared/cart-text.js';

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
    case 'invalid_quantity':
      return `Nothing was added: ${quantityText(r, r.name)}`;
    case 'not_found':
      return `I couldn't find product ${r.product_id}. Could you tell me which one you mean?`;
  }
}

/** Why a quantity was refused, in words; the cart is unchanged. */
export function quantityText(p: QuantityProblem, name: string): string {
  switch (p.reason) {
    case 'not_whole':
      return `I can only use whole numbers of the ${name} - how many would you like?`;
    case 'below_one':
      return `${p.quantity} isn't a quantity I can use; it has to be at least 1. To take something out, say "remove it".`;
    case 'over_limit':
      return p.in_cart > 0
        ? `you already have ${p.in_cart} of the ${name}, and one cart line can hold at most ${p.limit}.`
        : `one cart line can hold at most ${p.limit} of the ${name}.`;
  }
}

const variantWords = (v: { color: string | null; size: string | null }): string =>
  variantLabel(v) || 'the standard option';

/** What a cart change did, read from the cart after it; a change that did not happen is never claimed. */
export function changeText(r: ChangeResult, ctx: ReplyContext): string {
  switch (r.status) {
    case 'cleared':
      return 'Your cart is now empty.';
    case 'not_in_cart':
      return "I couldn't find that in your cart. " + cartText(r.cart, ctx);
    case 'insufficient_stock':
      return `Nothing changed: only ${r.available} of the ${r.name} are available.`;
    case 'invalid_quantity':
      return `Nothing changed: ${quantityText(r, r.name)}`;
    case 'variant_unavailable': {
      const options = [
        r.colors.length ? `colours ${r.colors.join(', ')}` : '',
        r.sizes.length ? `sizes ${r.sizes.join(', ')}` : '',
      ].filter(Boolean);
      return `Nothing changed: the ${r.name} isn't available in that option${options.length ? `. In stock: ${options.join('; ')}` : ''}.`;
    }
    case 'unchanged':
      return `You already have ${r.quantity} x ${r.name} in your cart, so nothing changed. ${cartSummary(r.cart, ctx)}`;
    case 'swapped':
      return `Swapped: your ${r.quantity} x ${r.name} is now ${variantWords(r.to)} instead of ${variantWords(r.from)}. ${cartSummary(r.cart, ctx)}`;
    case 'removed':
      return `Removed the ${r.name} from your cart. ${cartSummary(r.cart, ctx)}`;
    case 'updated':
      return r.removed
        ? `Took ${r.removed} off: you now have ${r.quantity} x ${r.name}. ${cartSummary(r.cart, ctx)}`
        : `Updated: you now have ${r.quantity} x ${r.name}. ${cartSummary(r.cart, ctx)}`;
  }
}

const cartSummary = (cart: CartView, ctx: ReplyContext): string =>
  cart.item_count === 0
    ? 'Your cart is now empty.'
    : `You have ${plural(cart.item_count, 'item')}, subtotal ${ctx.money(cart.subtotal)}.`;
