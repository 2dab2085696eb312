import type { MessageTemplate } from '../channels/types.js';
import type { Channel, ConversationHead, ConversationStatus } from '../domain/types.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  whatsAppWindowClosed,
  type CustomerNotices,
  type NoticeDelivery,
} from '../notices/customer-notices.js';
import type { Storage } from '../storage/ports.js';
import { conversationNotFound } from '../storage/errors.js';
import type { Clock } from '../domain/clock.js';

/** Why a person was asked for. */
export type HandoffReason = 'asked' | 'complaint' | 'not_understood';

/**
 * Human handoff: a conversation waits for a person (`handoff`), an operator claims it (`human`) and
 * answers - stored in the transcript as theirs and delivered on the customer's channel - then gives it
 * back to the assistant (`bot`) or closes it. While a person has it, the assistant stays silent (see
 * the engine). Every change applies only from where the conversation stands, so two operators never
 * both claim one.
 */
export interface HandoffService {
  /** Asks for a person; the conversation as it now stands (unchanged when a person was already asked for). */
  request(input: {
    session_id: string;
    user_id: string;
    channel: Channel;
    reason: HandoffReason;
  }): Promise<{ head: ConversationHead; new: boolean }>;
  /**
   * Takes the conversation (claiming one already yours changes nothing); `take_over` takes it from
   * another operator who has it (someone away), which is otherwise refused.
   */
  claim(sessionId: string, operator: string, options?: { take_over?: boolean }): Promise<ConversationHead>;
  /**
   * An operator's message to the customer, while they hold the conversation; `template` names the
   * WhatsApp template it went as, outside the 24-hour window.
   */
  reply(
    sessionId: string,
    operator: string,
    text: string,
  ): Promise<{ delivery: NoticeDelivery; template?: string }>;
  release(sessionId: string, operator: string): Promise<ConversationHead>;
  close(sessionId: string, operator: string): Promise<ConversationHead>;
  /**
   * Handoffs nobody claimed within the timeout become open tickets, and their customers are told (once,
   * whichever process sweeps): their messages stay in the queue for the team. Returns how many.
   */
  ticketOverdue(): Promise<number>;
}

export interface HandoffSettings {
  shopName: string;
  /** Minutes a customer waits for a person before the chat becomes a ticket (15 when absent). */
  timeoutMinutes?: number;
  /** The shop's contact, as a sentence, for customers nobody could take. */
  contact?: string;
  /**
   * An approved WhatsApp template with one body parameter, for operator replies more than 24 hours
   * after the customer last wrote; without one such replies are refused.
   */
  whatsappTemplate?: MessageTemplate | undefined;
  /** Announces each new handoff (Slack-compatible JSON `text`). */
  webhookUrl?: string | undefined;
  fetch?: typeof fetch;
  now: Clock;
  logger?: Logger;
}

/** WhatsApp's customer-service window. */

const WHERE: Record<ConversationStatus, string> = {
  bot: 'with the assistant',
  handoff: 'waiting for a person',
  human: 'with a person',
  closed: 'closed',
};

export function createHandoffService(
  storage: Pick<Storage, 'conversations'>,
  notices: CustomerNotices | undefined,
  settings: HandoffSettings,
): HandoffService {
  const now = () => settings.now().toISOString();
  const post = settings.fetch ?? fetch;

  async function existing(sessionId: string): Promise<ConversationHead> {
    const head = await storage.conversations.head(sessionId);
    if (!head) throw conversationNotFound(sessionId);
    return head;
  }

  /** Moves it, or says clearly why not (someone else has it, it is not waiting, ...). */
  async function move(
    sessionId: string,
    to: ConversationStatus,
    from: readonly ConversationStatus[],
    operator: string | null,
    check?: (head: ConversationHead) => void,
  ): Promise<ConversationHead> {
    const head = await existing(sessionId);
    check?.(head);
    const moved = await storage.conversations.setStatus({
      session_id: sessionId,
      to,
      from,
      at: now(),
      operator,
    });
    if (moved) return moved;
    const latest = await existing(sessionId);
    throw new AppError(
      'CONVERSATION_STATE',
      `Conversation ${sessionId} is ${WHERE[latest.status]}${latest.operator ? ` (${latest.operator})` : ''}, so it cannot be ${to === 'human' ? 'claimed' : to === 'bot' ? 'released' : to}.`,
      { details: { field: 'status', status: latest.status } },
    );
  }

  /** Only the operator holding a conversation speaks in it or lets it go. */
  const holder = (operator: string) => (head: ConversationHead) => {
    if (head.status === 'human' && head.operator !== operator) {
      throw new AppError('CONVERSATION_STATE', `Conversation ${head.session_id} is with ${head.operator}.`, {
        details: { field: 'operator', status: head.status },
      });
    }
  };

  async function announce(head: ConversationHead, reason: HandoffReason) {
    if (!settings.webhookUrl) return;
    const why = {
      asked: 'asked for a person',
      complaint: 'has a complaint',
      not_understood: 'was not understood twice',
    }[reason];
    try {
      const response = await post(settings.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          text: `${settings.shopName}: a customer on ${head.channel} ${why}. Conversation ${head.session_id} is waiting for a person.`,
          session_id: head.session_id,
          channel: head.channel,
          reason,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      settings.logger?.error({ err: error, session_id: head.session_id }, 'handoff webhook not delivered');
    }
  }

  return {
    async request({ session_id, user_id, channel, reason }) {
      // The first message of a conversation may be the request: its head is made now.
      await storage.conversations.append(session_id, user_id, channel, []);
      const moved = await storage.conversations.setStatus({
        session_id,
        to: 'handoff',
        from: ['bot', 'closed'],
        at: now(),
        operator: null,
        reason,
      });
      if (!moved) return { head: await existing(session_id), new: false };
      void announce(moved, reason);
      return { head: moved, new: true };
    },
    async ticketOverdue() {
      const at = now();
      const before = new Date(Date.parse(at) - (settings.timeoutMinutes ?? 15) * 60_000).toISOString();
      const waiting = await storage.conversations.takeOverdueHandoffs(before, at, 100);
      const text = `Sorry - nobody from the ${settings.shopName} team is free to take this chat right now. Write here whatever you'd like them to know: it is kept for them as a ticket.${settings.contact ? ` ${settings.contact}` : ''}`;
      for (const head of waiting) {
        await notices
          ?.tell(head.session_id, text, { agent: 'handoff', tag: 'ticket' })
          .catch((error: unknown) =>
            settings.logger?.error(
              { err: error, session_id: head.session_id },
              'customer not told of the ticket',
            ),
          );
      }
      if (waiting.length > 0)
        settings.logger?.info({ conversations: waiting.length }, 'handoffs became tickets');
      return waiting.length;
    },
    async claim(sessionId, operator, options = {}) {
      const head = await existing(sessionId);
      if (head.status === 'human' && head.operator === operator) return head;
      const from: ConversationStatus[] = options.take_over ? ['handoff', 'bot', 'human'] : ['handoff', 'bot'];
      return move(sessionId, 'human', from, operator);
    },
    async reply(sessionId, operator, text) {
      const head = await existing(sessionId);
      if (head.status !== 'human' || head.operator !== operator) {
        throw new AppError(
          'CONVERSATION_STATE',
          `Claim conversation ${sessionId} before replying: it is ${WHERE[head.status]}${head.operator ? ` (${head.operator})` : ''}.`,
          { details: { field: 'status', status: head.status } },
        );
      }
      // WhatsApp lets a business write freely only within 24 hours of the customer's last message, then
      // only approved templates: the reply goes as the shop's one, or is refused here rather than at Meta.
      const closed =
        head.channel === 'whatsapp' ? await whatsAppWindowClosed(storage, sessionId, new Date(now())) : null;
      const template = closed ? settings.whatsappTemplate : undefined;
      if (closed && !template)
        throw new AppError(
          'CHANNEL_WINDOW_CLOSED',
          `The customer last wrote on WhatsApp ${closed.last ? `at ${closed.last}, more than 24 hours ago` : 'never'}; WhatsApp only lets a business reply with an approved template message after 24 hours, and none is configured (WHATSAPP_REPLY_TEMPLATE). Reach them another way, or wait for them to write.`,
          { details: { field: 'text' } },
        );
      const delivery =
        (await notices?.tell(sessionId, text, { agent: `operator:${operator}`, tag: 'operator' })) ??
        'not_sent';
      return template ? { delivery, template: template.name } : { delivery };
    },
    async release(sessionId, operator) {
      const head = await move(sessionId, 'bot', ['human', 'handoff'], null, holder(operator));
      // They were promised a person: they hear that the assistant is back, and how to ask again.
      await notices
        ?.tell(
          sessionId,
          `The ${settings.shopName} team has handed this chat back to me, the shop's assistant. Ask me anything - or ask for a person again at any time.`,
          { agent: 'handoff', tag: 'released' },
        )
        .catch((error: unknown) =>
          settings.logger?.error({ err: error, session_id: sessionId }, 'customer not told of the release'),
        );
      return head;
    },
    close: (sessionId, operator) =>
      move(sessionId, 'closed', ['human', 'handoff', 'bot'], null, holder(operator)),
  };
}
