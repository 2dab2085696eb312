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

/** The customer's saved products, priced today. */
export async function viewWishlist({ state, agents }: Turn): Promise<Outcome> {
  return { results: { wishlist: { kind: 'list', entries: await agents.wishlist.list(state.user_id) } } };
}
