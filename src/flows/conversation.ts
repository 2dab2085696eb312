import type { RecommendationFilters } from '../agents/recommendation/recommendation-agent.js';
import type { Address, Channel, Customer, GeoPoint, LoyaltyTier } from '../domain/types.js';
import type { LlmUsage } from '../llm/port.js';
import type { Entities, Understanding } from '../nlu/port.js';
import type { Intent } from './intent.js';
import type { CartResult } from './shared/cart-result.js';
import type { RecommendationResult } from './shared/recommendation-result.js';

export type AgentName = 'recommendation' | 'inventory' | 'cart' | 'loyalty' | 'orchestrator';

export interface RoutePlan {
  primary: AgentName;
  secondary: AgentName[];
}

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

/**
 * The questions flows leave open, by the intent that asked. Each flow adds its own where it declares
 * them (declaration merging, as Fastify's decorators do): see cart/pending.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the flows
export interface PendingQuestions {}

/** An action waiting for an answer, e.g. an add to cart that needs a size. */
export type Pending = PendingQuestions[keyof PendingQuestions];

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

/**
 * What the agents found this turn, by agent; replies and response data are built from these only. The
 * results several flows share are here; each flow adds its own where it declares them (declaration
 * merging, as Fastify's decorators do): see returns/results.ts.
 */
export interface AgentResults {
  recommendation?: RecommendationResult;
  cart?: CartResult;
}

/** What the next turn reads: the conversation's memory, the only thing checkpointed, all of it bounded. */
export interface ConversationMemory {
  /** The user a conversation belongs to, fixed at its first turn. */
  owner_id: string | null;
  shown: ShownProduct[];
  focus: string | null;
  /** The product in focus before the current one: "the other one". */
  previous_focus: string | null;
  slots: Slots;
  pending: Pending | null;
  /** The last reply asked the pending question again, after a side question: a bare yes answers it. */
  asked_again: boolean;
  /**
   * Requests of an earlier message waiting for the pending question (asked by `after`) to be settled:
   * "cancel my order and then track the other one" tracks it once the cancel is answered.
   */
  queued: { after: Intent; requests: string[] } | null;
  delivery: DeliveryDetails;
  /** Turns in a row not understood; from two on, the customer is offered a person. */
  misunderstood: number;
  /** The last order placed in this conversation, so a repeated "yes" is told it is already placed. */
  last_order_id: string | null;
  /** Points the customer chose to redeem at their next checkout. */
  redeem_points: number;
  last_intent: Intent | null;
  turn: number;
  /** The customer's language (ISO 639-1) once a model has told it; replies follow it. */
  language: string | null;
}

/** One turn's input. */
export interface TurnInput {
  user_id: string;
  session_id: string;
  channel: Channel;
  message: string;
  /** Who sent this turn, for the audit trail. */
  actor: string;
  /** The channel message this turn answers (WhatsApp, Telegram, SMS); null elsewhere. */
  channel_message_id: string | null;
  /** The client's network address, when the turn came over HTTP: a guest's unpaid orders are capped by it. */
  client_address: string | null;
}

/** One request of a message that asks for several, with its understanding when it was read already. */
export interface Request {
  text: string;
  understood?: Understanding;
}

/** What one turn works out; it lives for the turn only (the transcript is kept by save_to_db). */
export interface TurnWork {
  /**
   * The customer's whole message. `message` is the request being answered: the whole message, or one
   * of the requests it makes ("add it to my cart and how many points would I get").
   */
  said: string;
  /** The message's requests still to answer this turn; null until the message has been read. */
  requests: Request[] | null;
  /** The reply so far to the message's earlier requests, and what their agents found. */
  earlier: { reply: string; results: AgentResults };
  customer: CustomerSnapshot | null;
  /** The customer's record as read at the start of the turn, for the agents. */
  customer_record: Customer | null;
  /** This turn is a side question: the open question is kept, and asked again after the answer. */
  aside: boolean;
  /** This turn's answer to the pending question: "yes", "no", or none. */
  answer: 'yes' | 'no' | null;
  /** Why this turn was not understood: another language with no model, or too unsure to act on. */
  unclear: 'foreign' | 'unsure' | null;
  intent: Intent;
  confidence: number;
  entities: Entities;
  understood_by: string;
  target_product_id: string | null;
  plan: RoutePlan;
  results: AgentResults;
  last_agent: AgentName;
  response: string;
  /** Who wrote this turn's reply: a model's name, or "template". */
  phrased_by: string;
  /** What language models cost this turn. */
  usage: LlmUsage;
  /** A model was wanted this turn but unavailable; the turn was answered offline. */
  degraded: boolean;
  workflow_step: string;
  errors: string[];
  /** When the turn started (performance.now()), for its recorded latency. */
  started_ms: number;
}

/** The state as nodes and flows see it: the conversation's memory and this turn's input and work. */
export type SalesStateType = ConversationMemory & TurnInput & TurnWork;
export type SalesStateUpdate = Partial<SalesStateType>;

/** The memory of a conversation that has not started. */
export const newMemory = (): ConversationMemory => ({
  owner_id: null,
  shown: [],
  focus: null,
  previous_focus: null,
  slots: {},
  pending: null,
  asked_again: false,
  queued: null,
  delivery: {},
  misunderstood: 0,
  last_order_id: null,
  redeem_points: 0,
  last_intent: null,
  turn: 0,
  language: null,
});
