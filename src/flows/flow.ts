import type { Customer, GeoPoint } from '../domain/types.js';
import type { Understanding } from '../nlu/port.js';
import type { ShopContext } from '../shop/shop-context.js';
import type { Agents } from './agents.js';
import type { ResponseData } from './cards.js';
import type { AgentResults, Pending, RoutePlan, SalesStateType, SalesStateUpdate } from './conversation.js';
import type { Intent } from './intent.js';

/** One intent a flow answers: what it means, how it is learnt, and how the dialogue treats it. */
export interface IntentSpec {
  /** What a language model is told the intent means; the name says enough when absent. */
  meaning?: string;
  /** Training examples for the offline understanding. */
  examples: readonly string[];
  /**
   * Sentence patterns the offline understanding generates more training messages from (the syntax is
   * IntentDefinition's in nlu/port.ts). Written from how shoppers talk in general, never from the
   * evaluation set (eval/understanding), which must stay unseen: a test checks that no generated
   * sentence of four words or more is one of its messages.
   */
  patterns: readonly string[];
  /** Small talk: a clause of a longer message that is this says nothing of its request. */
  small_talk?: boolean;
  /** Asked for in any clause of a longer message, this is what the message wants ("are you a bot? I want a person"). */
  decisive?: boolean;
  /** What a message is taken for when nothing in it can be read; exactly one intent is. */
  fallback?: boolean;
  /** Its offline reply is generic: a language model, where there is one, answers what was actually said. */
  generic_reply?: boolean;
  /** May be a bare answer to a pending question ("blue" after "which colour?") rather than a new request. */
  continues?: boolean;
  /** Acts on the cart: a bare "blue" never means this on its own. */
  acts_on_cart?: boolean;
  /** Needs a product; one named but not on screen is looked up in the catalogue. */
  needs_product?: boolean;
  /** The product in focus after this intent counts as viewed for personalisation. */
  records_view?: boolean;
  /** A bare place right after it ("what about in Oakland?") asks the same again there, of the same product. */
  asks_again_by_place?: boolean;
  /** Turns the conversation to shopping: an open question about an order lapses. */
  shopping?: boolean;
  /**
   * The question this intent leaves open survives a side question ("what happens to my points?"), until
   * the customer turns to shopping.
   */
  lasting_question?: boolean;
  /**
   * Changes nothing: a question about a policy, stock, points or a product, or small talk. Said while
   * another question is open, it is answered, and the open question is kept and asked again after it.
   */
  aside?: boolean;
  /**
   * Whole messages that are this intent whatever the understanding read: set phrases that a classifier
   * trained on sentences misreads ("l8r", "let me think about it").
   */
  says?: RegExp;
  /** A bare colour or size right after a product's answer ("in black?") asks this of that product. */
  asks_by_variant?: boolean;
}

/** An understanding whose intent is one of the registry's, as the dialogue and the flows read it. */
export type Understood = Understanding & { intent: Intent };

/** What a handler knows about the turn it serves. */
export interface Turn {
  state: SalesStateType;
  agents: Agents;
  customer: Customer;
  /** Where the customer is, or the place they named. */
  location: GeoPoint | null;
  /** The product the message is about, when known. */
  target: string | null;
  shop: ShopContext;
}

/** What a reply is written with besides the turn's state: the shop, and a seed to vary the wording. */
export interface ReplyContext extends ShopContext {
  seed: number;
  /**
   * The customer's channel draws the products listed as cards (domain showsCards): the text leads in to
   * them and asks what next, rather than listing them again.
   */
  cards: boolean;
}

/** A handler's findings, and the conversation memory they change. */
export interface Outcome {
  results: AgentResults;
  update?: SalesStateUpdate;
}

export type Handler = (turn: Turn) => Promise<Outcome>;

/**
 * A capability of the assistant: its intents with their training examples, which agents answer them,
 * the handler that calls those agents, and the reply and cards built from what they found.
 */
export interface Flow<I extends string = string> {
  readonly name: string;
  readonly intents: { readonly [K in I]: IntentSpec };
  /** Which agent answers and which add to its answer; the orchestrator alone runs no handler. */
  readonly route: RoutePlan;
  /** Browse filters carry over between turns of this flow ("hoodies" ... "in medium"). */
  readonly refines?: boolean;
  readonly handle?: Handler;
  /**
   * The intent this turn really is, when only the customer's own data can tell: "can I return the
   * headphones?" from someone who bought them is a return, not a policy question. Null keeps it.
   */
  readonly handOver?: (turn: Turn) => Promise<Intent | null>;
  /** The offline reply, built only from this turn's results, so every figure in it comes from data. */
  reply(state: SalesStateType, ctx: ReplyContext): string;
  /** Cards for a UI; the shared mapping of agent results when absent. */
  cards?(state: SalesStateType): Omit<ResponseData, 'understanding'>;
  /**
   * Whether a message answers this flow's pending question: "yes", "no", or other details it asked for
   * ("detail"); null when the message is about something else and the question lapses.
   */
  answers?(pending: Pending, message: string, understanding: Understood): 'yes' | 'no' | 'detail' | null;
  /**
   * This flow's pending question asked again in a sentence or two, after the customer's side question
   * was answered; the pending question holds everything it says. Empty when there is nothing to ask.
   */
  reask?(pending: Pending, state: SalesStateType, ctx: ReplyContext): string;
}
