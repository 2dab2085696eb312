import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { ChannelStore, ConversationStore, IdentityKind, MessageLease } from '../storage/ports.js';
import { channelGuestOf } from '../domain/customer.js';
import type { Channel } from '../domain/types.js';
import { senderKey } from './senders.js';
import { splitMessage } from './split.js';
import type { ChannelConnector, InboundMessage, ReplyData } from './types.js';
import type { Clock } from '../domain/clock.js';

/** A channel message for the sales engine: one turn of the sender's conversation. */
export interface ChannelTurn {
  userId: string;
  channel: Channel;
  message: string;
  sessionId: string;
  /** Who wrote, as the platform knows them (`whatsapp:<number>`). */
  actor: string;
  /** The platform's message id, kept with the customer's message so a retry finds its answer. */
  channelMessageId: string;
}

/** What the dispatcher reads of a turn's result (the engine's ConversationResult has more). */
export interface ChannelTurnResult {
  session_id: string;
  response: string;
  current_intent: string;
  data?: ReplyData | undefined;
}

/** The sales engine, as the dispatcher uses it; `R` is what its turns return. */
export interface ConversationTurns<R extends ChannelTurnResult = ChannelTurnResult> {
  processSalesConversation(turn: ChannelTurn): Promise<R>;
}

/** Moves the conversations and cart of a number's or chat's guest to the account the number joined. */
export interface ChannelAdoption {
  /** Safe to repeat: it finishes a move that was cut short. */
  adopt(kind: IdentityKind, value: string, to: string, actor: string): Promise<void>;
}

export interface ChannelDispatcher<R extends ChannelTurnResult = ChannelTurnResult> {
  /**
   * Takes messages a webhook received: keeps each until it is answered, drops redeliveries of answered
   * ones, and processes the rest in the background, one at a time per sender. Resolves once they are
   * stored, so webhooks answer fast.
   */
  accept(connector: ChannelConnector, messages: readonly InboundMessage[]): Promise<void>;
  /**
   * Answers the messages whose process died before answering them (their lease ran out), in the order
   * they arrived. Runs at start and then every so often.
   */
  recover(connectors: Partial<Record<string, ChannelConnector>>): Promise<number>;
  /** Answers one message at once, for trying a channel out locally with no platform to reply through. */
  reply(message: InboundMessage): Promise<R>;
  /** Resolves when everything accepted so far has been answered (for tests and shutdown). */
  idle(): Promise<void>;
}

/** Longer than any turn takes (a model call times out well before): past it, the process is presumed dead. */
export const DEFAULT_LEASE_MS = 120_000;

/** One queue per sender: their messages are answered in order. */
const queueKey = (m: { channel: string; from: string }) => `${m.channel}:${m.from}`;

export function createChannelDispatcher<R extends ChannelTurnResult>(deps: {
  engine: ConversationTurns<R>;
  channels: ChannelStore;
  conversations: Pick<ConversationStore, 'get' | 'ownerOf'>;
  /** Moves a number's conversations along with it; without it, a moved number starts afresh. */
  handover?: ChannelAdoption;
  logger?: Logger;
  leaseMs?: number;
  now: Clock;
  /** Told how each message ended: answered and sent, not processed, or answered but not sent. */
  onOutcome?: (channel: string, outcome: 'processed' | 'failed' | 'send_failed') => void;
}): ChannelDispatcher<R> {
  const queues = new Map<string, Promise<void>>();
  /** This process, as the owner of the leases it takes. */
  const owner = randomUUID();
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const { now } = deps;
  const lease = (): MessageLease => {
    const at = now().getTime();
    return { owner, now: new Date(at).toISOString(), until: new Date(at + leaseMs).toISOString() };
  };

  /** The customer behind a phone number or chat: linked earlier, or a new guest named after it. */
  async function customerFor(m: InboundMessage): Promise<string> {
    const known = await deps.channels.findIdentity(m.identity, m.from);
    if (known) return known;
    const userId = channelGuestOf(m.identity, m.from);
    await deps.channels.linkIdentity(m.identity, m.from, userId);
    return userId;
  }

  /**
   * Who writes, and the conversation they write in: a random id kept per channel and sender, always one
   * that is theirs. A number that changed hands is never left writing into its old owner's conversation
   * (the engine refuses those, and the customer would hear nothing).
   */
  async function conversationOf(m: InboundMessage): Promise<{ userId: string; sessionId: string }> {
    const userId = await customerFor(m);
    const sender = senderKey(m.from);
    const sessionId = await deps.channels.sessionFor(m.channel, sender);
    const had = await deps.conversations.ownerOf(sessionId);
    if (had === null || had === userId) return { userId, sessionId };
    // The number's own guest had it and the number joined an account since: that move was cut short, or
    // this message raced it. Finish it, so the chat carries on.
    if (had === channelGuestOf(m.identity, m.from) && deps.handover) {
      try {
        await deps.handover.adopt(m.identity, m.from, userId, `${m.channel}:${m.from}`);
        if ((await deps.conversations.ownerOf(sessionId)) === userId) return { userId, sessionId };
      } catch (error) {
        // The customer is answered all the same, in a conversation of their own.
        deps.logger?.error({ err: error, channel: m.channel }, 'conversation not moved with the number');
      }
    }
    // Another account's (the number moved between accounts): the new owner starts one of their own.
    return { userId, sessionId: await deps.channels.renewSession(m.channel, sender, sessionId) };
  }

  const turn = async (m: InboundMessage, to: { userId: string; sessionId: string }) =>
    deps.engine.processSalesConversation({
      userId: to.userId,
      channel: m.channel,
      message: m.text,
      sessionId: to.sessionId,
      actor: `${m.channel}:${m.from}`,
      channelMessageId: m.message_id,
    });

  /**
   * The reply a message already got from a turn that finished before its process died (the transcript
   * names the message it answered), so a retried message is never answered by a second turn.
   */
  async function earlierReply(m: InboundMessage, sessionId: string): Promise<string | null> {
    const log = await deps.conversations.get(sessionId, 20);
    const messages = log?.messages ?? [];
    const asked = messages.findIndex(
      (x) => x.role === 'user' && x.metadata.channel_message_id === m.message_id,
    );
    const answer = asked >= 0 ? messages[asked + 1] : undefined;
    return answer?.role === 'assistant' ? answer.content : null;
  }

  async function process(connector: ChannelConnector, m: InboundMessage, retried: boolean): Promise<void> {
    const log = deps.logger?.child({ channel: m.channel, message_id: m.message_id });
    // Another process took it over (this one was too slow), or it has been answered meanwhile.
    if (!(await deps.channels.leaseMessage(m.channel, m.message_id, lease()))) return;
    let reply: { text: string; data?: ReplyData | undefined };
    try {
      await connector.acknowledge?.(m);
      const to = await conversationOf(m);
      const earlier = retried ? await earlierReply(m, to.sessionId) : null;
      if (earlier !== null) reply = { text: earlier };
      else {
        const result = await turn(m, to);
        reply = { text: result.response, data: result.data };
      }
    } catch (error) {
      log?.error({ err: error }, 'channel message not processed');
      await deps.channels.markMessage(m.channel, m.message_id, 'failed');
      deps.onOutcome?.(m.channel, 'failed');
      return;
    }
    try {
      const parts = splitMessage(reply.text, connector.textLimit);
      // A retried message carries on after the parts the platform already took.
      const from = retried ? await deps.channels.sentParts(m.channel, m.message_id) : 0;
      for (let part = from; part < parts.length; part++) {
        // In flight from here until the platform answers: a process that dies meanwhile leaves it
        // `sending`, and it is sent again (at least once). Marked as the request leaves, not earlier, so
        // only what may really have reached the customer can reach them twice.
        if (!(await deps.channels.markSending(m.channel, m.message_id, lease()))) return;
        await connector.send({
          to: m.from,
          reply_from: m.reply_to,
          text: parts[part]!,
          ...(reply.data ? { data: reply.data } : {}),
        });
        await deps.channels.markSent(m.channel, m.message_id, part + 1, part + 1 >= parts.length);
      }
      if (from >= parts.length) await deps.channels.markMessage(m.channel, m.message_id, 'processed');
      deps.onOutcome?.(m.channel, 'processed');
    } catch (error) {
      // The turn is saved; a send the platform refused or that timed out is not repeated blindly, since
      // the platform may have delivered it. The operator sees it in the log and in the message's status.
      log?.error({ err: error }, 'reply not sent');
      await deps.channels.markMessage(m.channel, m.message_id, 'send_failed');
      deps.onOutcome?.(m.channel, 'send_failed');
    }
  }

  function enqueue(key: string, work: () => Promise<void>): void {
    // A failure in one message never blocks the next one in the same conversation.
    const next = (queues.get(key) ?? Promise.resolve()).then(work).catch((error: unknown) => {
      deps.logger?.error({ err: error, conversation: key }, 'channel message handling failed');
    });
    queues.set(key, next);
    void next.then(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
  }

  return {
    async accept(connector, messages) {
      for (const m of messages) {
        const received = await deps.channels.receiveMessage(m.channel, m.message_id, m, lease());
        if (received === 'duplicate') {
          deps.logger?.info({ channel: m.channel, message_id: m.message_id }, 'redelivered message ignored');
          continue;
        }
        enqueue(queueKey(m), () => process(connector, m, received === 'retry'));
      }
    },
    async recover(connectors) {
      const abandoned = await deps.channels.takeAbandoned(lease(), 500);
      for (const { channel, message_id, payload } of abandoned) {
        const m = payload as InboundMessage;
        const connector = connectors[channel];
        if (!connector) {
          deps.logger?.warn(
            { channel, message_id },
            'unanswered message on a channel that is no longer set up',
          );
          continue;
        }
        deps.logger?.info({ channel, message_id }, 'answering a message left unanswered');
        enqueue(queueKey(m), () => process(connector, m, true));
      }
      return abandoned.length;
    },
    reply: async (m) => turn(m, await conversationOf(m)),
    async idle() {
      while (queues.size > 0) await Promise.all([...queues.values()]);
    },
  };
}
