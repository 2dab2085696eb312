import { Annotation } from '@langchain/langgraph';
import type { RecommendationFilters } from '../agents/recommendation/recommendation-agent.js';
import type { Address, Channel, Fulfilment, GeoPoint, LoyaltyTier } from '../domain/types.js';
import { NO_USAGE, type LlmUsage } from '../llm/port.js';
import type { Entities, Intent } from '../nlu/port.js';
import type { AgentName, AgentResults, RoutePlan } from './types.js';

/** How many messages of a conversation graph state keeps; the full transcript lives in storage. */
export const HISTORY_LIMIT = 10;
/** How many of the last products shown stay resolvable by "the first one", "the blue one". */
export const SHOWN_LIMIT = 10;

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

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
 * The sales graph's state. Everything is JSON-plain so checkpoints round-trip, and everything that grows
 * with a conversation is bounded, so turn 200 costs what turn 1 costs.
 */
export const SalesState = Annotation.Root({
  user_id: Annotation<string>,
  session_id: Annotation<string>,
  channel: Annotation<Channel>,
  message: Annotation<string>,
  /** Who sent this turn, for the audit trail. */
  actor: last<string>(() => ''),
  /** The user a conversation belongs to, fixed at its first turn. */
  owner_id: last<string | null>(() => null),

  customer: last<CustomerSnapshot | null>(() => null),
  history: Annotation<ChatTurn[]>({
    reducer: (prev, next) => [...prev, ...next].slice(-HISTORY_LIMIT),
    default: () => [],
  }),
  shown: last<ShownProduct[]>(() => []),
  focus: last<string | null>(() => null),
  slots: last<Slots>(() => ({})),
  pending: last<Pending | null>(() => null),
  /** This turn's answer to the pending question: "yes", "no", or none. */
  answer: last<'yes' | 'no' | null>(() => null),
  delivery: last<DeliveryDetails>(() => ({})),
  /** Why this turn was not understood: another language with no model, or too unsure to act on. */
  unclear: last<'foreign' | 'unsure' | null>(() => null),
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

  intent: last<Intent>(() => 'general_chat'),
  confidence: last<number>(() => 0),
  entities: last<Entities>(() => ({})),
  understood_by: last<string>(() => 'offline'),
  target_product_id: last<string | null>(() => null),
  plan: last<RoutePlan>(() => ({ primary: 'orchestrator', secondary: [] })),
  results: last<AgentResults>(() => ({})),
  last_agent: last<AgentName>(() => 'orchestrator'),
  response: last<string>(() => ''),
  /** Who wrote this turn's reply: a model's name, or "template". */
  phrased_by: last<string>(() => 'template'),
  /** What language models cost this turn. */
  usage: last<LlmUsage>(() => NO_USAGE),
  /** A model was wanted this turn but unavailable; the turn was answered offline. */
  degraded: last<boolean>(() => false),
  workflow_step: last<string>(() => 'started'),
  errors: last<string[]>(() => []),
});

export type SalesStateType = typeof SalesState.State;
export type SalesStateUpdate = typeof SalesState.Update;
