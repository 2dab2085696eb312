import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { reorder as handle } from './handler.js';
import { PATTERNS } from './patterns.js';
import { reorderReply } from './reply.js';
import './results.js';

/** Buying an earlier order again: its items back in the cart at today's prices, what can't be had said. */
export const reorder: Flow<'reorder'> = {
  name: 'reorder',
  intents: {
    reorder: {
      meaning: 'wants to buy the items of an earlier order again (the last one, or one named by its id)',
      examples: examples.reorder,
      patterns: PATTERNS.reorder,
      acts_on_cart: true,
      shopping: true,
    },
  },
  route: { primary: 'cart', secondary: [] },
  handle,
  reply: reorderReply,
};

declare module '../intent.js' {
  interface Intents {
    reorder: true;
  }
}
