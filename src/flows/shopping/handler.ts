import type { ProductCard } from '../../agents/shared/product-card.js';
import { SHOWN_LIMIT, type ShownProduct } from '../conversation.js';
import type { Handler } from '../flow.js';

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

/**
 * Browse, search and recommend: the carried filters, personalised; the top pick's pickup nearby.
 * "Show me more" excludes what was shown (the next page); "something similar" looks in the category of
 * the product in focus, without it.
 */
export const recommend: Handler = async ({ state, agents, customer, location }) => {
  const focus = SIMILAR.test(state.message)
    ? state.shown.find((p) => p.product_id === state.focus)
    : undefined;
  const exclude = MORE.test(state.message) || focus ? state.shown.map((p) => p.product_id) : [];
  const filters = focus ? { ...state.slots, categories: [focus.category], text: undefined } : state.slots;
  const found = await agents.recommendation.recommend({ customer, filters, exclude_ids: exclude });
  const top = found.products[0];
  const availability =
    top && location ? await agents.inventory.check({ product_id: top.product_id, location }) : null;
  return {
    results: {
      recommendation: { kind: 'recommendations', ...found },
      ...(availability ? { inventory: { kind: 'availability', availability } } : {}),
    },
    update: { shown: shownOf(found.products), focus: null },
  };
};
