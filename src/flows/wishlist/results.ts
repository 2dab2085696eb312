import type { SaveResult, WishlistEntry } from '../../wishlist/wishlist-service.js';

/** Saving for later: what was saved, the list as it stands, or no product to save. */
export type WishlistResult =
  { kind: 'save'; result: SaveResult } | { kind: 'list'; entries: WishlistEntry[] } | { kind: 'no_product' };

declare module '../conversation.js' {
  interface AgentResults {
    wishlist?: WishlistResult;
  }
}
