import { saidInFull } from '../shared/named.js';
import type { ProductCard } from '../../agents/shared/product-card.js';
import type { Recommendations } from '../../agents/recommendation/recommendation-agent.js';
import type { NotCarried } from '../../domain/product-types/catalogue-types.js';
import { SHOWN_LIMIT, type ShownProduct } from '../conversation.js';
import type { Handler, Outcome, Turn } from '../flow.js';

export const shownOf = (cards: readonly ProductCard[]): ShownProduct[] =>
  cards.slice(0, SHOWN_LIMIT).map(({ product_id, name, brand, category, price, colors, sizes }) => ({
    product_id,
    name,
    brand,
    category,
    price,
    colors,
    sizes,
  }));

const MORE = /\b(more|else|other|others|another|next|different)\b/i;
const SIMILAR = /\b(similar|like (?:this|that|it|these|those)|same kind)\b/i;

const NOTHING: Recommendations = { products: [], filters: {}, relaxed: [], fallback: false };

/**
 * A kind of product the shop doesn't carry ("leather sofas"): said so, never answered with products
 * that only share letters with it. Products of the nearest category are offered when it shares a kind
 * with what was asked (sofas and the home range's furniture), within the price asked for.
 */
async function notCarried({ state, agents, customer }: Turn, verdict: NotCarried): Promise<Outcome> {
  const { min_price, max_price } = state.slots;
  const offer =
    verdict.relation === 'kind'
      ? await agents.recommendation.recommend({
          customer,
          filters: { categories: verdict.nearest.map((n) => n.category), min_price, max_price },
        })
      : NOTHING;
  return {
    results: { recommendation: { kind: 'recommendations', ...offer, not_carried: verdict } },
    update: { shown: shownOf(offer.products), focus: null },
  };
}

/** The search words with the customer's word for a kind swapped for the catalogue's ("grey rucksack" -> "grey backpack"). */
function replaceWords(text: string | undefined, said: string, word: string): string {
  const escaped = said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const swapped = text?.replace(new RegExp(`\\b${escaped}\\b`, 'i'), word);
  if (swapped && swapped !== text) return swapped;
  return text ? `${text} ${word}` : word;
}

/**
 * The verdict on the kind of product the message names, read in the message as written ("a phone with
 * a good camera" is a phone); else on the words still searched from before ("under $50?" after "leather
 * sofas"), unless the message names a category of its own.
 */
async function askedType({ state, agents }: Turn) {
  const said = await agents.recommendation.productType(state.message);
  if (said || state.entities.category || !state.slots.text) return said;
  return agents.recommendation.productType(state.slots.text);
}

/**
 * Browse, search and recommend: the carried filters, personalised; the top pick's pickup nearby.
 * "Show me more" excludes what was shown (the next page); "something similar" looks in the category of
 * the product in focus, without it.
 */
export const recommend: Handler = async (turn) => {
  const { state, agents, customer, location } = turn;
  const focus = SIMILAR.test(state.message)
    ? state.shown.find((p) => p.product_id === state.focus)
    : undefined;
  const verdict = focus ? null : await askedType(turn);
  if (verdict && !verdict.carried) return notCarried(turn, verdict);
  const exclude = MORE.test(state.message) || focus ? state.shown.map((p) => p.product_id) : [];
  const filters = focus
    ? { ...state.slots, categories: [focus.category], text: undefined }
    : verdict?.carried && verdict.known_as
      ? // "Rucksack" searches the backpacks, in the catalogue's own word for them.
        {
          ...state.slots,
          categories: verdict.categories,
          text: replaceWords(state.slots.text, verdict.said, verdict.known_as),
        }
      : state.slots;
  const result = await agents.recommendation.recommend({ customer, filters, exclude_ids: exclude });
  // "Show me the Velo Tech Oversized Hoodie": the product named in full comes first, and is what "it" means next.
  const named = saidInFull(result.products, state.message);
  const found = named
    ? { ...result, products: [named, ...result.products.filter((p) => p !== named)] }
    : result;
  const top = found.products[0];
  const availability =
    top && location ? await agents.inventory.check({ product_id: top.product_id, location }) : null;
  return {
    results: {
      recommendation: { kind: 'recommendations', ...found },
      ...(availability ? { inventory: { kind: 'availability', availability } } : {}),
    },
    update: { shown: shownOf(found.products), focus: named?.product_id ?? null },
  };
};
