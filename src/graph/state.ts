import { Annotation, EmptyChannelError } from '@langchain/langgraph';
import { LastValue } from '@langchain/langgraph/channels';
import type { RecommendationFilters } from '../agents/recommendation/recommendation-agent.js';
import type {
  Address,
  Channel,
  Customer,
  Fulfilment,
  GeoPoint,
  LoyaltyTier,
  OrderStatus,
} from '../domain/types.js';
import { NO_USAGE, type LlmUsage } from '../llm/port.js';
import type { Intent } from '../flows/registry.js';
import type { Entities } from '../nlu/port.js';
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

/** A return being put together in conversation: what goes back, why, and what was last asked. */
export interface ReturnDraft {
  items: { sku: string; quantity: number; exchange_for?: { color?: string; size?: string } }[];
  reason: string | null;
  /** The question open: which item, which size or colour instead, why, or "start it?". */
  asked: 'item' | 'variant' | 'reason' | 'confirm';
}

/** A question about one of the customer's orders: which one, or "cancel it?", or "send it there?". */
export interface PendingOrder {
  action: 'cancel_order' | 'order_status' | 'change_order' | 'return_request';
  /** The order in question; null while the customer picks one of `choices`. */
  order_id: string | null;
  /** Its status when shown: a change applies only if it has not moved on since. */
  status: OrderStatus | null;
  choices: string[];
  /** What is in each of `choices` (item names), so "the shoes" can answer "which order?". */
  choice_items?: string[][];
  /** change_order: the new delivery address as far as given; complete, it waits for a "yes". */
  address?: Partial<Address>;
  /** return_request: the return as far as it is known. */
  return?: ReturnDraft;
  /** return_request: the order's item names while the customer picks one. */
  item_names?: string[];
}

export type Pending = PendingAdd | PendingCheckout | PendingOrder;

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

/** One instance for every throw: building an error (and its stack) per turn costs more. */
const NOT_CHECKPOINTED = new EmptyChannelError('not checkpointed: this value lives for one turn');

/**
 * A value that lives for one turn: the turn's nodes read it and the turn's result carries it, but it is
 * never checkpointed. (LangGraph's own UntrackedValueChannel also skips the value, but writes an
 * `undefined` record for it into every checkpoint.)
 */
export class TurnValue<T> extends LastValue<T> {
  override lc_graph_name = 'TurnValue';
  override fromCheckpoint(): this {
    return new TurnValue<T>(this.initialValueFactory) as this;
  }
  override checkpoint(): T {
    // LangGraph leaves a channel out of the checkpoint when it reports itself empty.
    throw NOT_CHECKPOINTED;
  }
}

/** What the next turn reads: the conversation's memory, the only thing checkpointed, all of it bounded. */
export interface ConversationMemory {
  /** The user a conversation belongs to, fixed at its first turn. */
  owner_id: string | null;
  shown: ShownProduct[];
  focus: string | null;
  slots: Slots;
  pending: Pending | null;
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

/** What one turn works out; it lives for the turn only (the transcript is kept by save_to_db). */
export interface TurnWork {
  customer: CustomerSnapshot | null;
  /** The customer's record as read at the start of the turn, for the agents. */
  customer_record: Customer | null;
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

export const newMemory = (): ConversationMemory => ({
  owner_id: null,
  shown: [],
  focus: null,
  slots: {},
  pending: null,
  delivery: {},
  misunderstood: 0,
  last_order_id: null,
  redeem_points: 0,
  last_intent: null,
  turn: 0,
  language: null,
});

/** A turn before any node ran. */
export const newTurn = (input: TurnInput): TurnInput & TurnWork => ({
  ...input,
  customer: null,
  customer_record: null,
  answer: null,
  unclear: null,
  intent: 'general_chat',
  confidence: 0,
  entities: {},
  understood_by: 'offline',
  target_product_id: null,
  plan: { primary: 'orchestrator', secondary: [] },
  results: {},
  last_agent: 'orchestrator',
  response: '',
  phrased_by: 'template',
  usage: NO_USAGE,
  degraded: false,
  workflow_step: 'started',
  errors: [],
  started_ms: performance.now(),
});

const MEMORY_KEYS = new Set<string>(Object.keys(newMemory()));

/**
 * The graph's channels: two, where a channel per field costs LangGraph work per field on every step
 * (versions, reads, writes, the checkpoint). `memory` is checkpointed; `work` lives for the turn.
 */
export const SalesState = Annotation.Root({
  memory: Annotation<ConversationMemory>({ reducer: (_prev, next) => next, default: newMemory }),
  work: new TurnValue<TurnInput & TurnWork>(),
});

export type SalesGraphState = typeof SalesState.State;
export type SalesGraphUpdate = typeof SalesState.Update;

/**
 * The flat view a node reads. Written out key by key: every view then has one shape, where spreading the
 * two parts builds a slow dictionary-mode object of 35 keys each time.
 */
export function flatten({ memory: m, work: w }: SalesGraphState): SalesStateType {
  return {
    owner_id: m.owner_id,
    shown: m.shown,
    focus: m.focus,
    slots: m.slots,
    pending: m.pending,
    delivery: m.delivery,
    misunderstood: m.misunderstood,
    last_order_id: m.last_order_id,
    redeem_points: m.redeem_points,
    last_intent: m.last_intent,
    turn: m.turn,
    language: m.language,
    user_id: w.user_id,
    session_id: w.session_id,
    channel: w.channel,
    message: w.message,
    actor: w.actor,
    channel_message_id: w.channel_message_id,
    client_address: w.client_address,
    customer: w.customer,
    customer_record: w.customer_record,
    answer: w.answer,
    unclear: w.unclear,
    intent: w.intent,
    confidence: w.confidence,
    entities: w.entities,
    understood_by: w.understood_by,
    target_product_id: w.target_product_id,
    plan: w.plan,
    results: w.results,
    last_agent: w.last_agent,
    response: w.response,
    phrased_by: w.phrased_by,
    usage: w.usage,
    degraded: w.degraded,
    workflow_step: w.workflow_step,
    errors: w.errors,
    started_ms: w.started_ms,
  };
}

/** A node's flat update, as channel writes: each part merged into what the turn holds so far. */
export function channelUpdate(state: SalesGraphState, update: SalesStateUpdate): SalesGraphUpdate {
  let memory: Partial<ConversationMemory> | null = null;
  let work: Partial<TurnInput & TurnWork> | null = null;
  for (const key in update) {
    const value = update[key as keyof SalesStateUpdate];
    if (MEMORY_KEYS.has(key)) (memory ??= {})[key as keyof ConversationMemory] = value as never;
    else (work ??= {})[key as keyof TurnWork] = value as never;
  }
  return {
    ...(memory ? { memory: { ...state.memory, ...memory } } : {}),
    ...(work ? { work: { ...state.work, ...work } } : {}),
  };
}
