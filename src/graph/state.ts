import { Annotation, EmptyChannelError } from '@langchain/langgraph';
import { LastValue } from '@langchain/langgraph/channels';
import type { RecommendationFilters } from '../agents/recommendation/recommendation-agent.js';
import type { Address, Channel, Customer, Fulfilment, GeoPoint, LoyaltyTier } from '../domain/types.js';
import { NO_USAGE, type LlmUsage } from '../llm/port.js';
import type { Entities, Intent } from '../nlu/port.js';
import type { AgentName, AgentResults, RoutePlan } from './types.js';

/** How many of the last products shown stay resolvable by "the first one", "the blue one". */
export const SHOWN_LIMIT = 10;

/** A product the customer has seen, as much as references need. */
export interface ShownProduct {
  product_id: string;
  name: string;
  brand: string;
  category: string;
  price: number;
  colors: string[];
  sizes: string[];
}

/** Browse filters carried from turn to turn ("show me hoodies" ... "in medium"). */
export type Slots = RecommendationFilters;

/** An action waiting for an answer, e.g. an add to cart that needs a size. */
export interface PendingAdd {
  action: 'add_to_cart';
  product_id: string;
  quantity: number;
  color?: string;
  size?: string;
  missing: ('color' | 'size')[];
  /** The colours and sizes offered, so "the first colour" can be read. */
  options?: { colors: string[]; sizes: string[] };
}

/** A checkout in progress: waiting for an address or contact, or for a "yes" to the summary shown. */
export interface PendingCheckout {
  action: 'checkout';
  fulfilment: Fulfilment;
  redeem_points: number;
  /** What the customer still has to give before a summary can be shown. */
  missing: 'address' | 'contact' | null;
  /** Address fields given so far, while some are still missing. */
  partial?: Partial<Address>;
  /** The summary shown: a "yes" places the order only for this cart version and total, until then. */
  confirm: { cart_version: number; total: number; expires_at: string } | null;
}

export type Pending = PendingAdd | PendingCheckout;

/** Delivery details the customer gave in this conversation, kept for the next checkout. */
export interface DeliveryDetails {
  address?: Address;
  contact?: string;
}

export interface CustomerSnapshot {
  user_id: string;
  name: string;
  tier: LoyaltyTier;
  points: number;
  is_guest: boolean;
  location: GeoPoint | null;
}

const last = <T>(fallback: () => T) => Annotation<T>({ reducer: (_prev, next) => next, default: fallback });

/**
 * A value that lives for one turn: the turn's nodes read it and the turn's result carries it, but it is
 * never checkpointed, and the next turn starts from its default. (LangGraph's own UntrackedValueChannel
 * also skips the value, but writes an `undefined` record for it into every checkpoint.)
 */
export class TurnValue<T> extends LastValue<T> {
  override lc_graph_name = 'TurnValue';
  override fromCheckpoint(): this {
    return new TurnValue<T>(this.initialValueFactory) as this;
  }
  override checkpoint(): T {
    throw new EmptyChannelError();
  }
}

/** This turn's input, or a default until a node sets it. */
const perTurn = <T>(fallback?: () => T) => new TurnValue<T>(fallback);

/**
 * The sales graph's state. The checkpoint keeps only what the next turn reads: the conversation's memory
 * (owner, products shown, focus, filters, a pending question, delivery details, language, the counters),
 * all bounded, so turn 200 costs what turn 1 costs. What one turn works out (the customer it read, its
 * understanding, the agents' results, the reply, usage) lives only for that turn: the full transcript is
 * written by save_to_db to conversation storage. Everything is JSON-plain so checkpoints round-trip.
 */
export const SalesState = Annotation.Root({
  // This turn's input.
  user_id: perTurn<string>(),
  session_id: perTurn<string>(),
  channel: perTurn<Channel>(),
  message: perTurn<string>(),
  /** Who sent this turn, for the audit trail. */
  actor: perTurn<string>(() => ''),

  // The conversation's memory, checkpointed.
  /** The user a conversation belongs to, fixed at its first turn. */
  owner_id: last<string | null>(() => null),
  shown: last<ShownProduct[]>(() => []),
  focus: last<string | null>(() => null),
  slots: last<Slots>(() => ({})),
  pending: last<Pending | null>(() => null),
  delivery: last<DeliveryDetails>(() => ({})),
  /** Turns in a row not understood; from two on, the customer is offered a person. */
  misunderstood: last<number>(() => 0),
  /** The last order placed in this conversation, so a repeated "yes" is told it is already placed. */
  last_order_id: last<string | null>(() => null),
  /** Points the customer chose to redeem at their next checkout. */
  redeem_points: last<number>(() => 0),
  last_intent: last<Intent | null>(() => null),
  turn: last<number>(() => 0),
  /** The customer's language (ISO 639-1) once a model has told it; replies follow it. */
  language: last<string | null>(() => null),

  // This turn's work, not checkpointed.
  customer: perTurn<CustomerSnapshot | null>(() => null),
  /** The customer's record as read at the start of the turn, for the agents. */
  customer_record: perTurn<Customer | null>(() => null),
  /** This turn's answer to the pending question: "yes", "no", or none. */
  answer: perTurn<'yes' | 'no' | null>(() => null),
  /** Why this turn was not understood: another language with no model, or too unsure to act on. */
  unclear: perTurn<'foreign' | 'unsure' | null>(() => null),
  intent: perTurn<Intent>(() => 'general_chat'),
  confidence: perTurn<number>(() => 0),
  entities: perTurn<Entities>(() => ({})),
  understood_by: perTurn<string>(() => 'offline'),
  target_product_id: perTurn<string | null>(() => null),
  plan: perTurn<RoutePlan>(() => ({ primary: 'orchestrator', secondary: [] })),
  results: perTurn<AgentResults>(() => ({})),
  last_agent: perTurn<AgentName>(() => 'orchestrator'),
  response: perTurn<string>(() => ''),
  /** Who wrote this turn's reply: a model's name, or "template". */
  phrased_by: perTurn<string>(() => 'template'),
  /** What language models cost this turn. */
  usage: perTurn<LlmUsage>(() => NO_USAGE),
  /** A model was wanted this turn but unavailable; the turn was answered offline. */
  degraded: perTurn<boolean>(() => false),
  workflow_step: perTurn<string>(() => 'started'),
  errors: perTurn<string[]>(() => []),
});

export type SalesStateType = typeof SalesState.State;
export type SalesStateUpdate = typeof SalesState.Update;
