import { vary } from '../../replies/phrasing.js';
import type { Flow } from '../flow.js';
import { contactText, shippingMethodsText } from '../shared/fulfilment-text.js';
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
  reply: (state, ctx) => {
    // The returns text answers questions about returns; any other policy is not in the shop file yet.
    const aboutReturns = /\b(return|returns|returning|refund|exchange|send (it|them) back)\b/i.test(
      state.message,
    );
    const returns = ctx.shop.returns;
    const aboutShipping = /\b(ship|shipping|deliver|delivery|postage|courier|dispatch)\b/i.test(
      state.message,
    );
    const answer = aboutReturns
      ? returns
        ? `Our returns policy: ${returns}`
        : "I don't have the shop's returns policy to hand, so I won't guess at it."
      : aboutShipping
        ? `We ship by ${shippingMethodsText(ctx)}. Anything beyond that, such as where we deliver to, isn't in the shop's information, so I won't guess.`
        : "I don't have that in the shop's information, so I won't guess.";
    return [
      vary(ctx.seed, ['Sorry you need help.', "I'm sorry about the trouble."]),
      answer,
      `Our team can help you directly. ${contactText(ctx)}`,
    ].join(' ');
  },
};
