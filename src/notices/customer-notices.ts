import type { ChannelConnectors } from '../channels/channels.js';
import { splitMessage } from '../channels/split.js';
import type { MessageTemplate } from '../channels/types.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/ports.js';
import type { Clock } from '../domain/clock.js';

/** Characters a template's body parameter may hold (WhatsApp allows 1,024). */
const TEMPLATE_PARAMETER_LIMIT = 1000;
/** WhatsApp lets a business write freely only this long after the customer's last message. */
const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

/**
 * When the customer last wrote in a conversation, if WhatsApp's 24-hour window for writing freely has
 * closed since; null while it is open.
 */
export async function whatsAppWindowClosed(
  storage: Pick<Storage, 'conversations'>,
  sessionId: string,
  now: Date,
): Promise<{ last: string | null } | null> {
  const log = await storage.conversations.get(sessionId, 200);
  const last = log?.messages.findLast((m) => m.role === 'user');
  const age = last ? now.getTime() - Date.parse(last.timestamp) : Infinity;
  return age > WHATSAPP_WINDOW_MS ? { last: last?.timestamp ?? null } : null;
}

/** Where a notice reached the customer: their messaging app too, or the conversation only. */
export type NoticeDelivery = 'sent' | 'stored' | 'not_sent' | 'no_conversation';

/**
 * Tells a customer something they did not ask about just now (a late payment refunded, later an
 * operator's reply): kept in their conversation as an assistant message, so every channel's transcript
 * shows it, and sent on the messaging channel the conversation lives on. A send that fails is logged and
 * reported, never retried blindly (it may have arrived).
 */
export interface CustomerNotices {
  tell(sessionId: string, text: string, from: { agent: string; tag: string }): Promise<NoticeDelivery>;
}

export interface NoticeSettings {
  /** The shop's own numbers to write from: Twilio's, and WhatsApp's phone number id. */
  smsFrom?: string | undefined;
  whatsappFrom?: string | undefined;
  /**
   * The approved WhatsApp template (one body parameter) notices go as more than 24 hours after the
   * customer last wrote; without one they are kept in the conversation only.
   */
  whatsappTemplate?: MessageTemplate | undefined;
  now: Clock;
  logger?: Logger;
}

export function createCustomerNotices(
  storage: Pick<Storage, 'conversations' | 'channels'>,
  channels: Pick<ChannelConnectors, 'sms' | 'whatsapp' | 'telegram'>,
  settings: NoticeSettings,
): CustomerNotices {
  const { now } = settings;

  /** The connector and the shop's number to reach this sender with; null when that channel is not set up. */
  function route(channel: string, sender: string) {
    if (channel === 'telegram' && channels.telegram)
      return { connector: channels.telegram, to: sender, from: '' };
    if (channel === 'whatsapp' && channels.whatsapp && settings.whatsappFrom)
      return { connector: channels.whatsapp, to: sender, from: settings.whatsappFrom };
    // Senders are kept as digits; Twilio wants the number in E.164.
    if (channel === 'sms' && channels.sms && settings.smsFrom)
      return {
        connector: channels.sms,
        to: sender.startsWith('+') ? sender : `+${sender}`,
        from: settings.smsFrom,
      };
    return null;
  }

  return {
    async tell(sessionId, text, { agent, tag }) {
      const head = await storage.conversations.head(sessionId);
      if (!head) return 'no_conversation';
      const reach = await storage.channels.senderOf(sessionId);
      // Read before this notice joins the conversation.
      const closed =
        reach?.channel === 'whatsapp' ? await whatsAppWindowClosed(storage, sessionId, now()) : null;
      const template = closed ? settings.whatsappTemplate : undefined;
      await storage.conversations.append(sessionId, head.user_id, head.channel, [
        {
          role: 'assistant',
          content: text,
          timestamp: now().toISOString(),
          agent_name: agent,
          metadata: template ? { notice: tag, template: template.name } : { notice: tag },
        },
      ]);
      if (!reach) return 'stored';
      const way = route(reach.channel, reach.sender);
      if (!way) {
        settings.logger?.warn(
          { channel: reach.channel, session_id: sessionId, notice: tag },
          'notice kept, not sent: channel not set up to write first',
        );
        return 'not_sent';
      }
      if (closed && !template) {
        settings.logger?.warn(
          { session_id: sessionId, notice: tag, last_customer_message: closed.last },
          'notice kept, not sent: WhatsApp window closed and no WHATSAPP_REPLY_TEMPLATE',
        );
        return 'not_sent';
      }
      try {
        // A template's body parameter holds at most 1,024 characters.
        const limit = template
          ? Math.min(TEMPLATE_PARAMETER_LIMIT, way.connector.textLimit)
          : way.connector.textLimit;
        for (const part of splitMessage(text, limit))
          await way.connector.send({
            to: way.to,
            reply_from: way.from,
            text: part,
            ...(template ? { template } : {}),
          });
        return 'sent';
      } catch (error) {
        settings.logger?.error({ err: error, session_id: sessionId, notice: tag }, 'notice not sent');
        return 'not_sent';
      }
    },
  };
}
