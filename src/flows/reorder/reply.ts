import { fromCents, toCents } from '../../domain/money.js';
import type { SalesStateType } from '../conversation.js';
import type { ReplyContext } from '../flow.js';
import { plural } from '../../replies/phrasing.js';
import { lineText, variantOf } from '../shared/cart-text.js';
import type { MissedLine } from './results.js';

const why = (line: MissedLine): string => {
  switch (line.reason) {
    case 'gone':
      return 'no longer sold';
    case 'variant':
      return 'that colour or size is no longer available';
    case 'limit':
      return 'more than one order can hold';
    case 'stock':
      return line.available ? `only ${line.available} left online` : 'out of stock online right now';
  }
};

/** What went back into the cart at today's prices, what could not and why, and the cart as it now stands. */
export function reorderReply(state: SalesStateType, ctx: ReplyContext): string {
  const result = state.results.reorder;
  if (!result) return '';
  if (result.kind === 'none')
    return result.named
      ? `I can't find an order ${result.named} of yours that was bought and paid for, so there is nothing to repeat. Say "order history" to see your orders.`
      : "I don't see an earlier order of yours to repeat yet. Tell me what you're looking for and I'll help you find it.";
  const placed = `your order ${result.order_id} from ${ctx.date(result.placed_at)}`;
  const missed = result.missed.map((m) => `- ${m.name}${variantOf(m.color, m.size)}: ${why(m)}`);
  const already = result.already.map(
    (a) => `- ${a.name}${variantOf(a.color, a.size)}: ${a.quantity} already`,
  );
  const total = `Your cart now holds ${plural(result.cart.item_count, 'item')}, subtotal ${ctx.money(result.cart.subtotal)}. Ready to check out, or anything to change?`;
  if (result.added.length === 0 && result.already.length > 0 && result.missed.length === 0)
    return [`Everything from ${placed} is already in your cart.`, total].join('\n');
  if (result.added.length === 0)
    return [
      `I couldn't put anything from ${placed} back in your cart:`,
      ...missed,
      ...(already.length > 0 ? ['Already in your cart:', ...already] : []),
    ].join('\n');
  const added = result.added.map((line) =>
    lineText(line, fromCents(toCents(line.price) * line.quantity), ctx),
  );
  return [
    `I've put ${placed} back in your cart, at today's prices:`,
    ...added,
    ...(already.length > 0 ? ['Already in your cart:', ...already] : []),
    ...(missed.length > 0 ? ["These couldn't go back in:", ...missed] : []),
    total,
  ].join('\n');
}
