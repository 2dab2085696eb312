import { newCustomer, viewOf } from '../domain/customer.js';
import { conversationNotFound } from '../storage/errors.js';
import { showsCards, type Customer } from '../domain/types.js';
import type { Logger } from '../logger.js';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { addUsage, NO_USAGE } from '../llm/port.js';
import type { Understood } from '../flows/flow.js';
import { flowOf, isIntent, specOf } from '../flows/registry.js';
import { responseData } from '../flows/response-data.js';
import type { Understander } from '../nlu/port.js';
import type { Phraser } from '../replies/model-phraser.js';
import type { ShopContext } from '../shop/shop-context.js';
import type { Storage } from '../storage/ports.js';
import type { Agents } from '../flows/agents.js';
import { recognisePhrase, resolveDialogue, type Resolved } from './dialogue.js';
import { readRequests } from './requests.js';
import { afterword } from './afterword.js';
import { executeAgents } from './execute.js';
import { routeFor } from './routing.js';
import type { CustomerSnapshot, SalesStateType, SalesStateUpdate } from '../flows/conversation.js';

export interface NodeDeps {
  understander: Understander;
  agents: Agents;
  storage: Storage;
  settings: { confidence_threshold: number };
  shop: ShopContext;
  /** Present when a language model may phrase replies. */
  phraser?: Phraser;
  logger?: Logger;
}

/** What the sales graph streams besides node updates: checked reply text as the model writes it. */
export type ReplyChunk = { kind: 'token'; text: string } | { kind: 'reset' };

/** Browsing records kept per customer for personalisation. */
const BROWSING_LIMIT = 50;

const snapshotOf = (c: Customer): CustomerSnapshot => ({
  user_id: c.user_id,
  name: c.name,
  tier: c.loyalty_tier,
  points: c.loyalty_points,
  is_guest: c.is_guest,
  location: c.location,
});

export const retrieveContext =
  (deps: NodeDeps) =>
  async (state: SalesStateType): Promise<SalesStateUpdate> => {
    if (state.owner_id && state.owner_id !== state.user_id) throw conversationNotFound(state.session_id);
    const customer = await deps.storage.customers.ensure(state.user_id, () =>
      newCustomer(state.user_id, {}, deps.shop.now().toISOString()),
    );
    return {
      owner_id: state.user_id,
      customer: snapshotOf(customer),
      customer_record: customer,
      turn: state.turn + 1,
      results: {},
      errors: [],
      target_product_id: null,
      usage: NO_USAGE,
      degraded: false,
      phrased_by: 'template',
      workflow_step: 'context_retrieved',
    };
  };

export const analyzeIntent =
  (deps: NodeDeps) =>
  async (state: SalesStateType): Promise<SalesStateUpdate> => {
    const context = {
      shown: state.shown.slice(0, 5).map((p) => ({ product_id: p.product_id, name: p.name })),
      last_intent: state.last_intent,
      language: state.language,
    };
    const understand = async (text: string): Promise<Understood> => {
      try {
        const read = await deps.understander.understand(text, context);
        // Understanders are given the registry's intents; one they were not given is read as small talk.
        return isIntent(read.intent) ? (read as Understood) : { ...read, intent: 'general_chat' };
      } catch (error) {
        // A message the understanding chokes on still gets an answer: a clarifying question.
        deps.logger?.error({ err: error, session_id: state.session_id }, 'understanding failed');
        return { intent: 'general_chat', confidence: 0, entities: {}, source: 'none', degraded: true };
      }
    };
    const threshold = deps.settings.confidence_threshold;
    let usage = state.usage;
    let todo = state.requests;
    if (todo === null) {
      // A message asking for several things is answered a request at a time, in the order asked.
      const several = await readRequests(state.message, understand, threshold);
      usage = addUsage(usage, several.usage);
      todo = several.requests ?? [];
    }
    // This turn's request: the message, or the next of its requests (or of those a message left waiting).
    const [current = { text: state.message }, ...requests] = todo;
    const message = current.text;
    let read = current.understood;
    if (!read) {
      read = await understand(message);
      usage = addUsage(usage, read.usage ?? NO_USAGE);
    }
    const understanding = recognisePhrase(read as Understood, message);
    const resolved = resolveDialogue(understanding, { ...state, message }, threshold);
    const unclear = unclearWhy(understanding, resolved, threshold);
    const misunderstood = unclear ? state.misunderstood + 1 : 0;
    return {
      message,
      requests,
      // The second message in a row not understood goes to a person rather than a third guess.
      intent:
        unclear === 'unsure' && misunderstood >= 2
          ? 'human_agent'
          : unclear
            ? 'general_chat'
            : resolved.intent,
      unclear,
      misunderstood,
      confidence: understanding.confidence,
      entities: resolved.entities,
      understood_by: understanding.source,
      language: understanding.language ?? state.language,
      usage,
      degraded: state.degraded || understanding.degraded === true,
      target_product_id: resolved.target_product_id,
      slots: resolved.slots,
      // Moving on from an unanswered question drops it, unless this turn answers it; a message that
      // could not be read changes nothing.
      pending: unclear ? state.pending : resolved.pending,
      answer: resolved.answer,
      // Not understood, it changes nothing either: the open question is asked again after the clarifying one.
      aside: unclear !== null || resolved.aside,
      workflow_step: 'intent_analyzed',
    };
  };

/**
 * A turn is not acted on when it can't be read: another language with no model to read it, or an offline
 * answer below the confidence threshold that the conversation's context didn't settle either. It gets a
 * clarifying question instead of a guess.
 */
function unclearWhy(u: Understood, resolved: Resolved, threshold: number): 'foreign' | 'unsure' | null {
  const offline = u.source === 'offline' || u.degraded === true;
  // An answer to the question just asked (an address, an email, "yes") is read by the flow that asked.
  if (!offline || resolved.continues_pending) return null;
  if (u.language && u.language !== 'en') return 'foreign';
  // Small talk made of words the shop doesn't know ("zorp blim") is not understood, however sure.
  const gibberish = u.intent === 'general_chat' && (u.coverage ?? 1) < 0.5;
  return (u.confidence < threshold || gibberish) && !resolved.settled ? 'unsure' : null;
}

export const routeDecision = (state: SalesStateType): SalesStateUpdate => {
  const plan = routeFor(state.intent);
  return { plan, last_agent: plan.primary, workflow_step: 'routed' };
};

export const executeAgent =
  (deps: NodeDeps) =>
  async (state: SalesStateType): Promise<SalesStateUpdate> => {
    try {
      const update = await executeAgents(state, {
        agents: deps.agents,
        shop: deps.shop,
        products: deps.storage.products,
        // The record retrieve_context read at the start of this turn.
        loadCustomer: async (userId) =>
          state.customer_record?.user_id === userId
            ? state.customer_record
            : ((await deps.storage.customers.get(userId)) ??
              newCustomer(userId, {}, deps.shop.now().toISOString())),
      });
      return { ...update, workflow_step: 'agent_executed' };
    } catch (error) {
      deps.logger?.error({ err: error, intent: state.intent, session_id: state.session_id }, 'agent failed');
      return {
        results: {},
        errors: [`${state.plan.primary}: ${(error as Error).message}`],
        workflow_step: 'agent_failed',
      };
    }
  };

export const aggregateResponse =
  (deps: NodeDeps) =>
  async (state: SalesStateType, config?: LangGraphRunnableConfig): Promise<SalesStateUpdate> => {
    if (state.errors.length > 0) {
      const failed =
        'Sorry, something went wrong on our side while I was working on that. Nothing in your cart or orders was changed by it - could you try again in a moment?';
      // What the message's earlier requests found still shows; those after it are said to be dropped, and
      // no open question counts as asked again (a bare "yes" next confirms nothing new).
      const rest = (state.requests ?? []).map((r) => `"${r.text}"`);
      const dropped = rest.length ? `I didn't get to ${rest.join(' or ')} - please ask again.` : '';
      return {
        response: [state.earlier.reply, failed, dropped].filter(Boolean).join('\n\n'),
        requests: [],
        asked_again: false,
        results: { ...state.earlier.results, ...state.results },
        workflow_step: 'response_aggregated',
      };
    }
    const cards = showsCards(state.channel);
    const ctx = { ...deps.shop, seed: state.turn, cards };
    const draft = flowOf(state.intent).reply(state, ctx) || "Sorry, I didn't catch that. Could you rephrase?";
    const after = afterword(state, ctx);
    const done = after.run.length === 0;
    // The reply to the message so far; the results of all its requests once the last is answered.
    const whole = (text: string): SalesStateUpdate => ({
      response: [state.earlier.reply, text, ...after.lines].filter(Boolean).join('\n\n'),
      requests: after.run,
      ...after.memory,
      ...(done ? { results: { ...state.earlier.results, ...state.results } } : {}),
      workflow_step: 'response_aggregated',
    });
    const phraser = deps.phraser;
    const generic = specOf(state.intent).generic_reply === true;
    if (!phraser?.wants({ generic, language: state.language })) return whole(draft);
    const write = config?.writer as ((chunk: ReplyChunk) => void) | undefined;
    const recommendation = state.results.recommendation;
    const phrased = await phraser.phrase({
      intent: state.intent,
      message: state.message,
      draft,
      language: state.language,
      listed: recommendation?.kind === 'recommendations' && !cards ? recommendation.products.length : 0,
      ...(write ? { onToken: (text: string) => write({ kind: 'token', text }) } : {}),
    });
    const update = whole(phrased.text);
    // The text streamed is this request's reply alone: the whole reply, when it says more, replaces it.
    if (phrased.replaced || (write && update.response !== phrased.text)) write?.({ kind: 'reset' });
    return {
      ...update,
      phrased_by: phrased.phrased_by,
      usage: addUsage(state.usage, phrased.usage ?? NO_USAGE),
      degraded: state.degraded || phrased.degraded === true,
    };
  };

/** After one of a message's requests is answered: the next is read with what the first left in memory. */
export const nextRequest = (state: SalesStateType): SalesStateUpdate => ({
  earlier: { reply: state.response, results: { ...state.earlier.results, ...state.results } },
  last_intent: state.intent,
  results: {},
  errors: [],
  entities: {},
  unclear: null,
  answer: null,
  aside: false,
  target_product_id: null,
  // The first request may have changed the customer (points redeemed by an order): read them afresh.
  customer_record: null,
  response: '',
  workflow_step: 'next_request',
});

/** The cards a turn showed, in brief: products, an order, the cart, a checkout summary. */
function cardsSeen(state: SalesStateType): { cards?: Record<string, unknown> } {
  const data = responseData(state);
  const cards: Record<string, unknown> = {};
  const products = data.products ?? (data.product ? [data.product] : []);
  if (products.length > 0)
    cards.products = products
      .slice(0, 10)
      .map((p) => ({ product_id: p.product_id, name: p.name, price: p.price }));
  if (data.order)
    cards.order = { order_id: data.order.order_id, status: data.order.status, total: data.order.total };
  if (data.cart) cards.cart = { item_count: data.cart.item_count, subtotal: data.cart.subtotal };
  if (data.checkout) cards.checkout = { total: data.checkout.summary.totals.total };
  return Object.keys(cards).length > 0 ? { cards } : {};
}

/** Products a turn put in front of the customer: a list, or one product's details. */
function productsShown(state: SalesStateType): number {
  const r = state.results.recommendation;
  if (r?.kind === 'recommendations') return r.products.length;
  return r?.kind === 'details' ? 1 : 0;
}

export const saveToDb =
  (deps: NodeDeps) =>
  async (state: SalesStateType): Promise<SalesStateUpdate> => {
    const now = deps.shop.now().toISOString();
    const errors = [...state.errors];
    try {
      await deps.storage.conversations.append(state.session_id, state.user_id, state.channel, [
        {
          role: 'user',
          content: state.said,
          timestamp: now,
          agent_name: null,
          metadata: state.channel_message_id ? { channel_message_id: state.channel_message_id } : {},
        },
        {
          role: 'assistant',
          content: state.response,
          timestamp: now,
          agent_name: state.last_agent,
          metadata: {
            intent: state.intent,
            confidence: state.confidence,
            understood_by: state.understood_by,
            phrased_by: state.phrased_by,
            usage: state.usage,
            degraded: state.degraded,
            // For analytics: the turn's time, products it showed, and whether it put one in the cart.
            ms: Math.round(performance.now() - state.started_ms),
            shown: productsShown(state),
            added: state.results.cart?.kind === 'add' && state.results.cart.result.status === 'added',
            // What the customer saw besides the words, in brief, for the operator's transcript.
            ...cardsSeen(state),
          },
        },
      ]);
      const viewed = specOf(state.intent).records_view ? state.focus : null;
      const product = viewed ? (state.shown.find((p) => p.product_id === viewed) ?? null) : null;
      if (product) {
        await deps.storage.customers.recordViews(state.user_id, [viewOf(product, now)], BROWSING_LIMIT);
      }
    } catch (error) {
      // The customer still gets the answer; the transcript gap is logged for the operator.
      deps.logger?.error({ err: error, session_id: state.session_id }, 'saving the conversation failed');
      errors.push('save_to_db: conversation log not written');
    }
    return {
      last_intent: state.intent,
      errors,
      // The seed's clients read "response_aggregated" as a completed turn; saving doesn't change that.
      workflow_step: 'response_aggregated',
    };
  };
