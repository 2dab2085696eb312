import type { ConversationResult, SalesEngine } from '../engine.js';
import type { Logger } from '../logger.js';
import type { ChannelStore } from '../storage/ports.js';
import { channelGuestOf } from '../identities/identity-codes.js';
import { splitMessage } from './split.js';
import type { ChannelConnector, InboundMessage } from './types.js';

export interface ChannelDispatcher {
  /**
   * Takes messages a webhook received: drops redeliveries, and processes the rest in the background,
   * one at a time per conversation. Resolves as soon as the messages are claimed, so webhooks answer fast.
   */
  accept(connector: ChannelConnector, messages: readonly InboundMessage[]): Promise<void>;
  /** Answers one message at once, for trying a channel out locally with no platform to reply through. */
  reply(message: InboundMessage): Promise<ConversationResult>;
  /** Resolves when everything accepted so far has been answered (for tests and shutdown). */
  idle(): Promise<void>;
}

/** One queue per sender: their messages are answered in order. */
const senderKey = (m: InboundMessage) => `${m.channel}:${m.from}`;

export function createChannelDispatcher(deps: {
  engine: SalesEngine;
  channels: ChannelStore;
  logger?: Logger;
}): ChannelDispatcher {
  const queues = new Map<string, Promise<void>>();

  /** The customer behind a phone number or chat: linked earlier, or a new guest named after it. */
  async function customerFor(m: InboundMessage): Promise<string> {
    const known = await deps.channels.findIdentity(m.identity, m.from);
    if (known) return known;
    const userId = channelGuestOf(m.identity, m.from);
    await deps.channels.linkIdentity(m.identity, m.from, userId);
    return userId;
  }

  const turn = async (m: InboundMessage) =>
    deps.engine.processSalesConversation({
      userId: await customerFor(m),
      channel: m.channel,
      message: m.text,
      // A random id kept per sender; the sender key matches what earlier versions named sessions after.
      sessionId: await deps.channels.sessionFor(m.channel, m.from.replace(/[^\w.:-]/g, '')),
      actor: `${m.channel}:${m.from}`,
    });

  async function process(connector: ChannelConnector, m: InboundMessage): Promise<void> {
    const log = deps.logger?.child({ channel: m.channel, message_id: m.message_id });
    let result;
    try {
      await connector.acknowledge?.(m);
      result = await turn(m);
    } catch (error) {
      log?.error({ err: error }, 'channel message not processed');
      await deps.channels.markMessage(m.channel, m.message_id, 'failed');
      return;
    }
    try {
      for (const text of splitMessage(result.response, connector.textLimit)) {
        await connector.send({ to: m.from, reply_from: m.reply_to, text, data: result.data });
      }
      await deps.channels.markMessage(m.channel, m.message_id, 'processed');
    } catch (error) {
      // The turn is saved; a send that failed or timed out is not repeated blindly, since the platform may
      // have delivered it. The operator sees it in the log and in the message's status.
      log?.error({ err: error }, 'reply not sent');
      await deps.channels.markMessage(m.channel, m.message_id, 'send_failed');
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
        if (!(await deps.channels.claimMessage(m.channel, m.message_id))) {
          deps.logger?.info({ channel: m.channel, message_id: m.message_id }, 'redelivered message ignored');
          continue;
        }
        enqueue(senderKey(m), () => process(connector, m));
      }
    },
    reply: turn,
    async idle() {
      while (queues.size > 0) await Promise.all([...queues.values()]);
    },
  };
}
