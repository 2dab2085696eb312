import { vary } from '../../replies/phrasing.js';
import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };

/** Problems with an order, returns, complaints: the orchestrator answers and points to the team. */
export const support: Flow<'support'> = {
  name: 'support',
  intents: { support: { meaning: 'returns, refunds, problems with an order, complaints, policies', examples: examples.support } },
  route: { primary: 'orchestrator', secondary: [] },
  reply: (state) =>
    vary(state.turn, [
      'Sorry you need help. Returns are free within 30 days of delivery, and our support team can sort out anything about an order. Tell me your order number and what happened, or ask to speak to a person and I will pass you on.',
      "I'm here to help. For returns, refunds or a problem with an order, share the order number and a short description and I'll get it to our support team. You can also ask for a person at any time.",
    ]),
};
