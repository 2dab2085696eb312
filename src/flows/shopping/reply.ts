import type { ReplyContext } from '../flow.js';
import type { Availability } from '../../agents/inventory/inventory-agent.js';
import type { Recommendations } from '../../agents/recommendation/recommendation-agent.js';
import type { ProductCard } from '../../agents/shared/product-card.js';
import { pickupWhen } from '../shared/fulfilment-text.js';
import { shownPriceText } from '../shared/price-text.js';
import { list, titleCase, vary } from '../../replies/phrasing.js';
import { pluralPhrase, typeIn } from '../../domain/product-types/taxonomy.js';

const describeFilters = (r: Recommendations, ctx: ReplyContext): string => {
  const f = r.filters;
  const parts: string[] = [];
  if (f.color) parts.push(f.color);
  if (f.size) parts.push(`size ${f.size}`);
  if (f.brand) parts.push(f.brand);
  // The kind searched for names what was found better than its range: "8 cushions", not "8 home".
  const kind = f.text ? typeIn(f.text) : null;
  if (kind) parts.push(pluralPhrase(kind.said));
  else if (f.categories?.length) parts.push(list(f.categories.map((c) => c.replace('-', ' & '))));
  else parts.push('picks');
  if (f.min_price !== undefined && f.max_price !== undefined)
    parts.push(`between ${ctx.money(f.min_price)} and ${ctx.money(f.max_price)}`);
  else if (f.max_price !== undefined) parts.push(`under ${ctx.money(f.max_price)}`);
  else if (f.min_price !== undefined) parts.push(`over ${ctx.money(f.min_price)}`);
  return parts.join(' ');
};

const line =
  (ctx: ReplyContext) =>
  (p: ProductCard, i: number): string => {
    const stock = p.low_stock ? ` (only ${p.total_quantity} left)` : '';
    const reason = p.reason ? ` - ${p.reason}` : '';
    return `${i + 1}. ${p.name} - ${shownPriceText(p, ctx)}${stock}${reason}`;
  };

/** What was found, without the colon a list would follow. */
function introOf(r: Recommendations, ctx: ReplyContext): string {
  const n = r.products.length;
  const what = describeFilters(r, ctx);
  if (!ctx.cards) {
    return r.fallback
      ? vary(ctx.seed, [
          'Here are some of our most popular picks right now',
          'Here are a few favourites to get you started',
        ])
      : vary(ctx.seed, [
          `Here are ${what} I think you'll like`,
          `I found these ${what} for you`,
          `Take a look at these ${what}`,
        ]);
  }
  // Beside the cards, the text says how many were found rather than what they are.
  if (r.fallback) return `Here are ${n === 1 ? 'one' : n} of our most popular picks right now`;
  if (n === 1) return `I found one match for ${what}`;
  return vary(ctx.seed, [`I found ${n} ${what} for you`, `Here are ${n} ${what} I think you'll like`]);
}

const categoriesOf = (r: Recommendations): string =>
  list((r.filters.categories ?? []).map((c) => c.replace('-', ' & ')));

/**
 * The products found, with what was searched and what had to give. Where the channel draws them as cards
 * (ctx.cards) the text is a lead-in and a question, and the cards are the list; elsewhere the text lists them.
 */
export function recommendationsText(
  r: Recommendations,
  ctx: ReplyContext,
  availability?: Availability,
  /** The words searched for, when the customer asked for something by name. */
  asked?: string,
): string {
  if (r.products.length === 0) {
    return vary(ctx.seed, [
      "I couldn't find anything in stock that matches. Could you tell me a bit more, or try a different category?",
      'Nothing in stock matches that right now. Want me to look at a different price range or category?',
    ]);
  }
  const n = r.products.length;
  const lines = r.products.map(line(ctx)).join('\n');
  // Something the shop doesn't carry is said plainly, and what follows is labelled as an alternative.
  if (asked && r.relaxed.includes('text')) {
    const categories = categoriesOf(r);
    const sorry = `Sorry, we don't seem to carry ${asked}${categories ? ` among our ${categories}` : ''}.`;
    const ask = 'Would one of these do, or shall I look for something else?';
    if (ctx.cards) {
      const instead = categories ? `other ${categories}` : 'popular picks';
      return `${sorry} ${n === 1 ? `Here is one of our ${instead}` : `Here are ${n} ${instead}`} instead.\n${ask}`;
    }
    return [
      `${sorry} ${categories ? 'Other things in that range instead:' : 'Some popular picks instead:'}`,
      lines,
      ask,
    ].join('\n');
  }
  const dropped = r.relaxed.map((f) => (f === 'color' ? 'colour' : f));
  const relaxed = dropped.length
    ? `I couldn't find an exact match, so I widened the search (without the ${list(dropped)} filter${dropped.length > 1 ? 's' : ''}). `
    : '';
  const intro = introOf(r, ctx);
  // A reason of the customer's own that every product shares is said once, not on every line.
  const because = r.shared_reason ? `, chosen because ${r.shared_reason}` : '';
  const pickup = availability?.fulfilment.find((o) => o.type === 'pickup');
  const pickupNote =
    pickup?.type === 'pickup' && pickup.available && pickup.store_name && pickup.ready
      ? `The first one can be picked up ${pickupWhen(pickup.ready, ctx)} at ${pickup.store_name} (${pickup.distance_km} km away).`
      : '';
  const outro = vary(ctx.seed + 1, [
    'Say "add the first one" to put one in your cart, or ask me about any of them.',
    'Want details on one of these, or shall I add one to your cart?',
    'Tell me which one catches your eye and I can check sizes, colours or stock.',
  ]);
  if (ctx.cards)
    return [`${relaxed}${intro}${because}.${pickupNote ? ` ${pickupNote}` : ''}`, outro].join('\n');
  return [`${relaxed}${intro}${because}:`, lines, pickupNote, outro].filter(Boolean).join('\n');
}

export const categoryName = (category: string): string => titleCase(category.replace('-', ' & '));
