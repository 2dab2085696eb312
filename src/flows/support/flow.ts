import { vary } from '../../replies/phrasing.js';
import type { Flow } from '../flow.js';
import { contactText } from '../shared/fulfilment-text.js';
import examples from './examples.json' with { type: 'json' };

/** Problems with an order, returns, complaints: the orchestrator answers and points to the team. */
export const support: Flow<'support'> = {
  name: 'support',
  intents: {
    support: {
      meaning: 'returns, refunds, problems with an order, complaints, policies',
      examples: examples.support,
    },
  },
  route: { primary: 'orchestrator', secondary: [] },
  reply: (_state, ctx) => {
    const returns = ctx.shop.returns;
    const policy = returns
      ? `Our returns policy: ${returns}`
      : "I don't have the shop's returns policy to hand, so I won't guess at it.";
    return [
      vary(ctx.seed, ['Sorry you need help.', "I'm sorry about the trouble."]),
      policy,
      `For anything about an order, our team can help directly. ${contactText(ctx)}`,
    ].join(' ');
  },
};
