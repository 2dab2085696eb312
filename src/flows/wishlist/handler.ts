import { SHOWN_LIMIT } from '../conversation.js';
import { shownOf } from '../shopping/handler.js';
import type { Outcome, Turn } from '../flow.js';

/** Saves the product in focus, or the one named, for later. */
export async function saveForLater({ state, agents, target }: Turn): Promise<Outcome> {
  if (!target) return { results: { wishlist: { kind: 'no_product' } } };
  const result = await agents.wishlist.save(state.user_id, target);
  // "save it" after "save the second one" means the same product.
  return {
    results: { wishlist: { kind: 'save', result } },
    ...(result.status === 'not_found' ? {} : { update: { focus: target } }),
  };
}

/**
 * The customer's saved products, priced today. They become the list on screen, so "add the first one"
 * means the first saved product, not the first of an earlier search.
 */
export async function viewWishlist({ state, agents }: Turn): Promise<Outcome> {
  const entries = await agents.wishlist.list(state.user_id);
  const details = await Promise.all(
    entries.slice(0, SHOWN_LIMIT).map((e) => agents.recommendation.details(e.product_id)),
  );
  const cards = details.filter((d) => d !== null);
  return {
    results: { wishlist: { kind: 'list', entries } },
    ...(cards.length > 0 ? { update: { shown: shownOf(cards), focus: null } } : {}),
  };
}
