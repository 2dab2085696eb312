import type { Flow } from '../flow.js';
import { answersWhich, itemNamed, orderIdIn } from '../orders/pick.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { returnRequest } from './handler.js';
import { MONEY_QUESTION, SAYS_YES } from '../shared/answers.js';
import { returnsText } from './reply.js';
import { aboutPlacedOrder } from '../orders/take-over.js';

/** A customer taking back what they were about to confirm. */
const BACKING_OUT =
  /^(?!.*\d).*\b(no|nope|nah|not sure|wait|hold on|never ?mind|forget it|leave it|don'?t)\b/i;

/** Words that take a yes back ("ok, actually no"). */
const TAKES_BACK =
  /\b(?:no|nope|nah|not yet|wait|hold on|stop|actually|never ?mind|forget it|leave it|don'?t (?:do|start|bother))\b/i;

/**
 * "I want to return this": returns and exchanges of delivered orders, in conversation. The shop's rules
 * decide what can go back; the returns service computes what comes back; nothing starts without a "yes".
 */
export const returns: Flow<'return_request'> = {
  name: 'returns',
  intents: {
    return_request: {
      meaning: 'wants to return, send back or exchange something bought, or a refund for it',
      examples: examples.return_request,
      patterns: PATTERNS.return_request,
      lasting_question: true,
      generic_reply: true,
    },
  },
  route: { primary: 'cart', secondary: [] },
  // "Has the refund for my cancelled order gone through?" is about that order, not a return.
  handOver: aboutPlacedOrder,
  handle: returnRequest,
  reply: (state, ctx) => {
    const r = state.results.returns;
    return r ? returnsText(r, state.message, ctx) : '';
  },
  /** "Which order?", "which item?", "why?" or "start it?" again, in brief. */
  reask: (pending) => {
    if (pending.action !== 'return_request') return '';
    if (!pending.order_id) return pending.choices.length > 0 ? 'Which order is the return from?' : '';
    switch (pending.return?.asked) {
      case 'item':
        return `Which item from ${pending.order_id} would you like to return?`;
      case 'variant':
        return 'Which size or colour would you like instead?';
      case 'reason':
        return "What's the reason for the return?";
      case 'confirm':
        return `Shall I start the return from ${pending.order_id}? Reply yes or no.`;
      default:
        return '';
    }
  },
  /** Answers to "which order?", "which item?", "which size instead?", "why?" and "start it?". */
  answers: (pending, message, u) => {
    if (pending.action !== 'return_request') return null;
    const asked = pending.return?.asked;
    if (asked === 'confirm') {
      // "yes please, I don't need them any more" is a yes, whatever follows it.
      if (SAYS_YES.test(message) && !TAKES_BACK.test(message) && u.intent !== 'deny') return 'yes';
      if (u.intent === 'deny' || BACKING_OUT.test(message)) return 'no';
      if (u.intent === 'affirm') return 'yes';
      // "How long till I get the money?" before saying yes: the quote again, with the refund terms.
      if (MONEY_QUESTION.test(message)) return 'detail';
    }
    if (orderIdIn(message)) return 'detail';
    if (pending.choices.length > 0 && answersWhich(message, u.entities.reference, pending.choice_items ?? []))
      return 'detail';
    if (u.intent === 'deny' || (asked !== 'reason' && BACKING_OUT.test(message))) return 'no';
    const names = (pending.item_names ?? []).map((n) => [n]);
    if (asked === 'item' && answersWhich(message, u.entities.reference, names)) return 'detail';
    if (asked === 'item' && itemNamed(message, names) >= 0) return 'detail';
    if (asked === 'variant' && (u.entities.size || u.entities.color)) return 'detail';
    // A bare "yes" to "why?" answers nothing: the handler asks again.
    if (asked === 'reason' && u.intent === 'affirm') return 'yes';
    // Any short answer to "why?" is the reason, unless it is plainly something else.
    if (asked === 'reason' && message.trim().split(/\s+/).length <= 40 && !/\?\s*$/.test(message))
      return 'detail';
    return null;
  },
};

declare module '../intent.js' {
  interface Intents {
    return_request: true;
  }
}
