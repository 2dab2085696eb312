import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { saveForLater, viewWishlist } from './handler.js';
import { PATTERNS } from './patterns.js';
import { wishlistReply } from './reply.js';
import './results.js';

/** Saving products for later, and the list of them, priced as they are today. */
export const wishlist: Flow<'save_for_later' | 'view_wishlist'> = {
  name: 'wishlist',
  intents: {
    save_for_later: {
      meaning: 'wants a product kept on their wishlist to buy later, not in the cart now',
      examples: examples.save_for_later,
      patterns: PATTERNS.save_for_later,
      needs_product: true,
      shopping: true,
    },
    view_wishlist: {
      meaning: 'wants to see the products they saved for later',
      examples: examples.view_wishlist,
      patterns: PATTERNS.view_wishlist,
      shopping: true,
    },
  },
  route: { primary: 'recommendation', secondary: [] },
  handle: (turn) => (turn.state.intent === 'view_wishlist' ? viewWishlist(turn) : saveForLater(turn)),
  reply: wishlistReply,
};

declare module '../intent.js' {
  interface Intents {
    save_for_later: true;
    view_wishlist: true;
  }
}
