import { SHOWN_LIMIT } from '../conversation.js';
import type { SalesStateType } from '../conversation.js';
import type { ReplyContext } from '../flow.js';
import { plural } from '../../replies/phrasing.js';

/** What was saved or is on the list, from the catalogue as it is now. */
export function wishlistReply(state: SalesStateType, ctx: ReplyContext): string {
  const result = state.results.wishlist;
  if (!result) return '';
  if (result.kind === 'no_product')
    return 'Which product should I save for later? Name it, or pick one from a list I show you.';
  if (result.kind === 'list') {
    if (result.entries.length === 0)
      return 'Your wishlist is empty. Say "save it for later" about any product and I\'ll keep it there.';
    const more = result.entries.length - SHOWN_LIMIT;
    return [
      `Your wishlist (${plural(result.entries.length, 'product')}):`,
      ...result.entries
        .slice(0, SHOWN_LIMIT)
        .map(
          (e, i) =>
            `${i + 1}. ${e.name} - ${ctx.money(e.price)}${e.in_stock ? '' : ' (out of stock online)'}`,
        ),
      ...(more > 0 ? [`...and ${more} more.`] : []),
      'Say "add the first one" to put one in your cart.',
    ].join('\n');
  }
  const saved = result.result;
  if (saved.status === 'not_found') return "That product isn't sold any more, so I can't save it.";
  const { name, price } = saved.product;
  return saved.status === 'already'
    ? `The ${name} is already on your wishlist.`
    : `Saved the ${name} (${ctx.money(price)} today) to your wishlist. Say "my wishlist" to see it.`;
}
