import type { Order } from '../../domain/types.js';
import type { Flow, Handler, ReplyContext } from '../flow.js';
import { unpaidOrderText } from '../shared/payment-text.js';
import { unpaidOrders } from '../shared/unpaid-orders.js';
import { aboutTheirReturn } from '../returns/handler.js';
import { aboutPlacedOrder } from '../orders/take-over.js';
import { contactText } from '../../shop/contact-text.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { findAnswer, type Topic } from './knowledge.js';

type SupportIntent = 'shipping_info' | 'payment_info' | 'store_policy' | 'account_help';

/** Where each kind of question looks first; anything in the shop's FAQ may answer any of them. */
const TOPICS: Record<SupportIntent, readonly Topic[]> = {
  shipping_info: ['shipping', 'pickup', 'tax', 'faq'],
  payment_info: ['payment', 'tax', 'faq'],
  account_help: ['account', 'faq', 'contact'],
  store_policy: ['returns', 'faq', 'contact', 'tax', 'shipping', 'payment', 'account', 'pickup'],
};

/** "A person can help" with the shop's contact: what a customer gets when the shop file is silent. */
export const personText = (ctx: ReplyContext): string =>
  `A person at ${ctx.shop.name} can answer that. ${contactText(ctx)}`;

/**
 * The shop's answer to a question about shipping, payment, accounts or its policies, from its shop file
 * only (retrieved over its entries, see knowledge.ts). What the file does not say is said to be
 * unanswered, and a person offered - never guessed.
 */
export function supportText(
  intent: SupportIntent,
  message: string,
  ctx: ReplyContext,
  unpaid: readonly Order[] = [],
): string {
  const { entry, unknown } = findAnswer(ctx, message, TOPICS[intent]);
  if (!entry)
    return `I don't have an answer to that in ${ctx.shop.name}'s information, so I won't guess. ${personText(ctx)}`;
  // How to pay, then how to pay the order the customer has waiting.
  const answer = [
    entry.answer,
    ...(entry.topic === 'payment' ? unpaid.map((o) => unpaidOrderText(o, ctx, true)) : []),
  ].join('\n');
  if (unknown.length === 0) return answer;
  // What is known is said; what the question asks beyond it is not guessed at.
  return `${answer} I have nothing about "${unknown.slice(0, 3).join(' ')}" in the shop's information, so I won't guess at that. ${personText(ctx)}`;
}

/** A question answered by how to pay: the customer's orders waiting for payment, to say how to pay them. */
const unpaidHandler: Handler = async (turn) => {
  const { entry } = findAnswer(turn.shop, turn.state.message, TOPICS[turn.state.intent as SupportIntent]);
  return entry?.topic === 'payment'
    ? { results: { support: { unpaid: await unpaidOrders(turn) } } }
    : { results: {} };
};

/** Questions a shop answers from its own information: shipping, payment, accounts, policies and FAQ. */
export const support: Flow<SupportIntent> = {
  name: 'support',
  intents: {
    shipping_info: {
      meaning:
        'general questions about delivery: cost, times, destinations, carriers (not about an order placed)',
      examples: examples.shipping_info,
      patterns: PATTERNS.shipping_info,
      generic_reply: true,
      aside: true,
    },
    payment_info: {
      meaning: 'how to pay: payment methods, when cards are charged, invoices, payment security',
      examples: examples.payment_info,
      patterns: PATTERNS.payment_info,
      generic_reply: true,
      aside: true,
    },
    store_policy: {
      meaning:
        'the shop policies and FAQ: return policy in general, warranty, price match, gift cards, hours',
      examples: examples.store_policy,
      patterns: PATTERNS.store_policy,
      generic_reply: true,
      aside: true,
    },
    account_help: {
      meaning: 'customer accounts: password, log in, sign up, change or delete an account, unsubscribe',
      examples: examples.account_help,
      patterns: PATTERNS.account_help,
      generic_reply: true,
      aside: true,
    },
  },
  route: { primary: 'orchestrator', secondary: [] },
  handle: unpaidHandler,
  // "Can I return the headphones?" from the customer who bought them starts that return; "where's the
  // refund for my cancelled order?" is about that order.
  handOver: async (turn) =>
    (await aboutPlacedOrder(turn)) ??
    (turn.state.intent === 'store_policy' && (await aboutTheirReturn(turn)) ? 'return_request' : null),
  reply: (state, ctx) =>
    supportText(state.intent as SupportIntent, state.message, ctx, state.results.support?.unpaid),
};

declare module '../conversation.js' {
  interface AgentResults {
    /** A question about paying: the customer's orders waiting for payment, to say how to pay them. */
    support?: { unpaid: Order[] };
  }
}

declare module '../intent.js' {
  interface Intents {
    shipping_info: true;
    payment_info: true;
    store_policy: true;
    account_help: true;
  }
}
