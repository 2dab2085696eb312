import type { Flow } from '../flow.js';
import { contactText } from '../shared/fulfilment-text.js';
import examples from './examples.json' with { type: 'json' };

/** "I want a person": never a product list. Until handoff exists, the shop's own contact details. */
export const handoff: Flow<'human_agent' | 'complaint'> = {
  name: 'handoff',
  intents: {
    human_agent: {
      meaning: 'wants a person: a human, an agent, customer service',
      examples: examples.human_agent,
    },
    complaint: {
      meaning: 'a complaint, anger, or a problem with a payment (charged twice, refund never came)',
      examples: examples.complaint,
    },
  },
  route: { primary: 'orchestrator', secondary: [] },
  reply: (state, ctx) =>
    state.intent === 'complaint'
      ? `I'm sorry about this. It needs a person to put right, and I can't pass this chat to one yet, but the ${ctx.shop.name} team can help you directly. ${contactText(ctx)}`
      : `I can't pass this chat to a person yet, but the ${ctx.shop.name} team can help you directly. ${contactText(ctx)}`,
};
