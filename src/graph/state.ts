import { Annotation, EmptyChannelError } from '@langchain/langgraph';
import { LastValue } from '@langchain/langgraph/channels';
import type {
  ConversationMemory,
  SalesStateType,
  SalesStateUpdate,
  TurnInput,
  TurnWork,
} from '../flows/conversation.js';
import { NO_USAGE } from '../llm/port.js';
import { newMemory } from '../flows/conversation.js';

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

/** A turn before any node ran. */
export const newTurn = (input: TurnInput): TurnInput & TurnWork => ({
  ...input,
  said: input.message,
  requests: null,
  earlier: { reply: '', results: {} },
  customer: null,
  customer_record: null,
  answer: null,
  aside: false,
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
 * two parts builds a slow dictionary-mode object of 45 keys each time.
 */
export function flatten({ memory: m, work: w }: SalesGraphState): SalesStateType {
  return {
    owner_id: m.owner_id,
    shown: m.shown,
    focus: m.focus,
    previous_focus: m.previous_focus,
    slots: m.slots,
    pending: m.pending,
    asked_again: m.asked_again,
    queued: m.queued,
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
    said: w.said,
    requests: w.requests,
    earlier: w.earlier,
    actor: w.actor,
    channel_message_id: w.channel_message_id,
    client_address: w.client_address,
    customer: w.customer,
    customer_record: w.customer_record,
    answer: w.answer,
    aside: w.aside,
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
