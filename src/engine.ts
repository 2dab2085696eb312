import { randomUUID } from 'node:crypto';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { z } from 'zod';
import { firstIssue, messageSchema, sessionIdSchema, userIdSchema } from './validation.js';
import { CHANNELS, type Channel } from './domain/types.js';
import { AppError } from './errors.js';
import type { Agents } from './flows/agents.js';
import type { ResponseData } from './flows/cards.js';
import { responseData } from './flows/response-data.js';
import { AGENT_LABELS } from './graph/routing.js';
import { cartOf } from './graph/execute.js';
import { createSalesGraph, type SalesGraph } from './graph/sales-graph.js';
import type { ReplyChunk } from './graph/nodes.js';
import { flatten, newTurn, type SalesGraphState, type SalesGraphUpdate } from './graph/state.js';
import { type ConversationMemory, type SalesStateType } from './flows/conversation.js';
import { NO_USAGE, type LlmUsage } from './llm/port.js';
import type { Phraser } from './replies/model-phraser.js';
import type { TurnObservation } from './metrics/metrics.js';
import type { ShopContext } from './shop/shop-context.js';
import type { Logger } from './logger.js';
import type { Understander } from './nlu/port.js';
import { conversationNotFound } from './storage/errors.js';
import type { Storage } from './storage/ports.js';

export const conversationInputSchema = z
  .object({
    userId: userIdSchema,
    channel: z.enum(CHANNELS),
    message: messageSchema,
    sessionId: sessionIdSchema.optional(),
    /**
     * The session must already exist (and be this user's). Callers outside the process set it: session
     * ids come from the server, so an unknown one is refused instead of started under a chosen name.
     */
    existingOnly: z.boolean().optional(),
    /** The channel message this turn answers, kept in the transcript so a retried message is answered once. */
    channelMessageId: z.string().max(200).optional(),
    /** Who is acting, for the audit trail (the HTTP layer passes the authenticated caller). */
    actor: z.string().trim().min(1).max(200).optional(),
    /** The client's network address (the HTTP layer passes it): what a guest holds unpaid is capped by it. */
    clientAddress: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export type ConversationInput = z.input<typeof conversationInputSchema>;

/** The seed's response shape, plus `confidence` and structured `data`. */
export interface ConversationResult {
  session_id: string;
  user_id: string;
  response: string;
  current_intent: string;
  confidence: number;
  last_agent: string;
  cart_items_count: number;
  workflow_step: string;
  has_errors: boolean;
  conversation_complete: boolean;
  timestamp: string;
  /** True when a model was wanted but unavailable and the turn was answered offline. */
  degraded: boolean;
  usage: TurnUsage;
  data: ResponseData;
}

/** Which step of a turn just finished, for progress displays. */
export interface ProgressEvent {
  kind: 'progress';
  node: string;
  agent?: string;
}

/**
 * What a streamed turn reports: finished steps, reply text as a model writes it (already checked
 * against the facts), and `reset` when that text was replaced: the final response is then the whole
 * reply to show.
 */
export type TurnEvent = ProgressEvent | ReplyChunk;

/** What language models did for one turn. */
export interface TurnUsage extends LlmUsage {
  understood_by: string;
  phrased_by: string;
}

export interface SalesEngine {
  /** The compiled sales graph the turns run through (LangGraph Studio opens it). */
  readonly graph: SalesGraph;
  processSalesConversation(input: ConversationInput): Promise<ConversationResult>;
  /** The same turn, reporting each finished graph node and each checked piece of reply text. */
  streamSalesConversation(
    input: ConversationInput,
    onEvent: (event: TurnEvent) => void,
  ): Promise<ConversationResult>;
  /** A conversation's memory as last checkpointed; null when the session is unknown. */
  conversationState(sessionId: string): Promise<ConversationMemory | null>;
  /**
   * Hands a conversation from `from` to `to` - for a channel's guest joining the account that owns the
   * number - keeping its transcript and what the customer was looking at, dropping what was the guest's
   * alone (a pending question, points chosen to redeem, their last order). True once it is `to`'s (also
   * when it already was: finishing a move that was cut short); false when it is neither's.
   */
  moveConversation(sessionId: string, from: string, to: string): Promise<boolean>;
}

export interface EngineDeps {
  storage: Storage;
  understander: Understander;
  agents: Agents;
  checkpointer: BaseCheckpointSaver;
  settings: { confidence_threshold: number };
  shop: ShopContext;
  phraser?: Phraser;
  logger?: Logger;
  /** Told of every finished turn (metrics). */
  onTurn?: (turn: TurnObservation) => void;
}

export function createSalesEngine(deps: EngineDeps): SalesEngine {
  const graph = createSalesGraph(deps);
  // One turn at a time per conversation: concurrent messages in one session queue behind each other.
  const queues = new Map<string, Promise<unknown>>();
  function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(key, settled);
    void settled.then(() => queues.get(key) === settled && queues.delete(key));
    return next;
  }

  async function turn(
    input: z.output<typeof conversationInputSchema>,
    onEvent?: (event: TurnEvent) => void,
  ): Promise<ConversationResult> {
    const sessionId = input.sessionId ?? randomUUID();
    if (input.sessionId) {
      const head = await deps.storage.conversations.head(sessionId);
      // Someone else's conversation and none at all get the same answer.
      if (head ? head.user_id !== input.userId : input.existingOnly) throw conversationNotFound(sessionId);
      // A person has it, or was asked for: the message is kept for them and the assistant says nothing.
      if (head?.status === 'handoff' || head?.status === 'human')
        return keptForPerson(input, sessionId, head.status);
      // Closed by an operator: a new message opens it again, with the assistant.
      if (head?.status === 'closed') {
        await deps.storage.conversations.setStatus({
          session_id: sessionId,
          to: 'bot',
          from: ['closed'],
          at: deps.shop.now().toISOString(),
        });
      }
    }
    const graphInput = {
      work: newTurn({
        user_id: input.userId,
        session_id: sessionId,
        channel: input.channel as Channel,
        message: input.message,
        actor: input.actor ?? `customer:${input.userId}`,
        channel_message_id: input.channelMessageId ?? null,
        client_address: input.clientAddress ?? null,
      }),
    };
    // One checkpoint per turn, written when the turn completes.
    const options = { configurable: { thread_id: sessionId }, durability: 'exit' as const };
    let final: SalesStateType;
    if (!onEvent) {
      final = flatten(await graph.invoke(graphInput, options));
    } else {
      let last: SalesGraphState | null = null;
      for await (const [mode, chunk] of await graph.stream(graphInput, {
        ...options,
        streamMode: ['updates', 'values', 'custom'],
      })) {
        if (mode === 'values') last = chunk as SalesGraphState;
        else if (mode === 'custom') onEvent(chunk as ReplyChunk);
        else {
          for (const [node, update] of Object.entries(
            chunk as Record<string, SalesGraphUpdate | undefined>,
          )) {
            const work = update?.work;
            const agent = work?.last_agent ?? work?.plan?.primary;
            onEvent({ kind: 'progress', node, ...(agent ? { agent: AGENT_LABELS[agent] } : {}) });
          }
        }
      }
      if (!last?.work)
        throw new AppError('TURN_FAILED', 'The conversation produced no answer.', { category: 'system' });
      final = flatten(last);
    }
    // The cart as the turn's cart agent left it; read only when the turn didn't touch the cart.
    const cartItems =
      cartOf(final.results.cart)?.item_count ??
      (await deps.storage.carts.get(input.userId)).items.reduce((n, i) => n + i.quantity, 0);
    return {
      session_id: sessionId,
      user_id: input.userId,
      response: final.response,
      current_intent: final.intent,
      confidence: final.confidence,
      last_agent: AGENT_LABELS[final.last_agent],
      cart_items_count: cartItems,
      workflow_step: final.workflow_step,
      has_errors: final.errors.length > 0,
      conversation_complete: true,
      timestamp: deps.shop.now().toISOString(),
      degraded: final.degraded,
      usage: { ...final.usage, understood_by: final.understood_by, phrased_by: final.phrased_by },
      data: responseData(final),
    };
  }

  /** A message while a person has the conversation: stored for them, unanswered by the assistant. */
  async function keptForPerson(
    input: z.output<typeof conversationInputSchema>,
    sessionId: string,
    status: 'handoff' | 'human',
  ): Promise<ConversationResult> {
    const at = deps.shop.now().toISOString();
    await deps.storage.conversations.append(sessionId, input.userId, input.channel as Channel, [
      {
        role: 'user',
        content: input.message,
        timestamp: at,
        agent_name: null,
        metadata: input.channelMessageId ? { channel_message_id: input.channelMessageId } : {},
      },
    ]);
    const cart = await deps.storage.carts.get(input.userId);
    return {
      session_id: sessionId,
      user_id: input.userId,
      response: '',
      current_intent: 'human_agent',
      confidence: 1,
      last_agent: AGENT_LABELS.orchestrator,
      cart_items_count: cart.items.reduce((n, i) => n + i.quantity, 0),
      workflow_step: status,
      has_errors: false,
      conversation_complete: true,
      timestamp: at,
      degraded: false,
      usage: { ...NO_USAGE, understood_by: 'none', phrased_by: 'none' },
      data: {
        understanding: { intent: 'human_agent', confidence: 1, entities: {}, source: 'none' },
        handoff: { status },
      },
    };
  }

  async function run(raw: ConversationInput, onEvent?: (event: TurnEvent) => void) {
    const parsed = conversationInputSchema.safeParse(raw);
    if (!parsed.success) {
      const { path, message } = firstIssue(parsed.error);
      throw new AppError('VALIDATION_FAILED', `${path || 'input'}: ${message}`, { details: { field: path } });
    }
    const input = parsed.data;
    const started = performance.now();
    const result = await serialized(input.sessionId ?? `new:${randomUUID()}`, () => turn(input, onEvent));
    const ms = performance.now() - started;
    deps.onTurn?.({
      intent: result.current_intent,
      agent: result.last_agent,
      channel: input.channel,
      ms,
      degraded: result.degraded,
      usage: result.usage,
    });
    deps.logger?.info(
      {
        session_id: result.session_id,
        intent: result.current_intent,
        agent: result.last_agent,
        ms: Math.round(ms),
        degraded: result.degraded,
        usage: result.usage,
      },
      'turn',
    );
    return result;
  }

  return {
    graph,
    async conversationState(sessionId) {
      const snapshot = await graph.getState({ configurable: { thread_id: sessionId } });
      return snapshot.createdAt ? (snapshot.values as SalesGraphState).memory : null;
    },

    moveConversation(sessionId, from, to) {
      // In the conversation's queue, so no turn runs halfway through the move.
      return serialized(sessionId, async () => {
        const owner = await deps.storage.conversations.ownerOf(sessionId);
        if (owner === from && !(await deps.storage.conversations.transfer(sessionId, from, to))) return false;
        else if (owner !== from && owner !== to) return false;
        // The memory names its owner too (a turn checks both): it follows the transcript.
        const config = { configurable: { thread_id: sessionId } };
        const snapshot = await graph.getState(config);
        const memory = snapshot.createdAt ? (snapshot.values as SalesGraphState).memory : null;
        if (memory?.owner_id === from) {
          await graph.updateState(config, {
            memory: { ...memory, owner_id: to, pending: null, redeem_points: 0, last_order_id: null },
          });
        }
        return true;
      });
    },

    processSalesConversation(raw) {
      return run(raw);
    },

    streamSalesConversation(raw, onEvent) {
      return run(raw, onEvent);
    },
  };
}
