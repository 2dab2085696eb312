import type { Flow } from '../flow.js';
import { entryOf } from '../support/knowledge.js';
import { personText } from '../support/flow.js';
import examples from './examples.json' with { type: 'json' };

/**
 * "I want to return this": the shop's returns and exchange rules from its shop file, and a person to
 * start the return with (returns handled in conversation come with the returns capability).
 */
export const returns: Flow<'return_request'> = {
  name: 'returns',
  intents: {
    return_request: {
      meaning: 'wants to return, send back or exchange something bought, or a refund for it',
      examples: examples.return_request,
    },
  },
  route: { primary: 'orchestrator', secondary: [] },
  reply: (state, ctx) => {
    const policy = entryOf(ctx, 'returns');
    const exchange = /\b(exchange|swap|size|colou?r|fit|fits|small|big|tight|loose)\b/i.test(state.message)
      ? entryOf(ctx, 'exchanges')
      : null;
    const rules = [policy, exchange].filter((e) => e !== null).map((e) => e.answer);
    return [
      rules.length > 0
        ? rules.join(' ')
        : "I don't have the shop's returns policy to hand, so I won't guess at it.",
      `To start a return, ${personText(ctx).replace(/^A person at (.+?) can answer that\./, 'contact $1.')}`,
    ].join(' ');
  },
};
