import type { Flow } from '../flow.js';
import { contactText } from '../shared/fulfilment-text.js';
import examples from './examples.json' with { type: 'json' };

/** "I want a person": never a product list. Until handoff exists, the shop's own contact details. */
export const handoff: Flow<'human_agent'> = {
  name: 'handoff',
  intents: {
    human_agent: {
      meaning: 'wants a person: a human, an agent, customer service',
      examples: examples.human_agent,
    },
  },
  route: { primary: 'orchestrator', secondary: [] },
  reply: (_state, ctx) =>
    `I can't pass this chat to a person yet, but the ${ctx.shop.name} team can help you directly. ${contactText(ctx)}`,
};
