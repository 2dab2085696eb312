import { vary } from '../../replies/phrasing.js';
import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';

/** "Are you a bot?" gets the truth. */
export const bot: Flow<'bot_identity'> = {
  name: 'bot',
  intents: {
    bot_identity: {
      meaning: 'asks whether they are talking to a bot or a person',
      examples: examples.bot_identity,
      patterns: PATTERNS.bot_identity,
      aside: true,
    },
  },
  route: { primary: 'orchestrator', secondary: [] },
  reply: (_state, ctx) =>
    vary(ctx.seed, [
      "Yes, I'm an automated assistant, not a person. I can find products, check stock, manage your cart and your loyalty points.",
      "I'm a bot - the shop's automated sales assistant. I can help you find products, check stock, and sort out your cart and points.",
    ]),
};

declare module '../intent.js' {
  interface Intents {
    bot_identity: true;
  }
}
