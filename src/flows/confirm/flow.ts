import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';

/**
 * A bare "yes" or "no". Answering a pending question, the dialogue hands it to the flow that asked;
 * what reaches this flow had nothing to answer.
 */
export const confirm: Flow<'affirm' | 'deny'> = {
  name: 'confirm',
  intents: {
    affirm: {
      meaning: 'a bare yes',
      examples: examples.affirm,
      patterns: PATTERNS.affirm,
      small_talk: true,
      continues: true,
    },
    deny: {
      meaning: 'a bare no',
      examples: examples.deny,
      patterns: PATTERNS.deny,
      small_talk: true,
      continues: true,
    },
  },
  route: { primary: 'orchestrator', secondary: [] },
  reply: (state) =>
    state.intent === 'affirm' && state.last_intent === 'checkout' && state.last_order_id
      ? `Your order ${state.last_order_id} is already placed, so there is nothing more to confirm. Anything else?`
      : state.intent === 'deny'
        ? 'No problem. What would you like to do instead?'
        : 'Happy to help - what would you like me to do? I can find products, check stock, or sort out your cart.',
};

declare module '../intent.js' {
  interface Intents {
    affirm: true;
    deny: true;
  }
}
