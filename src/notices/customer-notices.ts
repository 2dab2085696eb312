import type { Channels } from '../channels/channels.js';
import { splitMessage } from '../channels/split.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/ports.js';

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
  now?: () => Date;
  logger?: Logger;
}

export function createCustomerNotices(
  storage: Pick<Storage, 'conversations' | 'channels'>,
  channels: Pick<Channels, 'sms' | 'whatsapp' | 'telegram'>,
  settings: NoticeSettings,
): CustomerNotices {
  const now = settings.now ?? (() => new Date());

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
      await storage.conversations.append(sessionId, head.user_id, head.channel, [
        {
          role: 'assistant',
          content: text,
          timestamp: now().toISOString(),
          agent_name: agent,
          metadata: { notice: tag },
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
      try {
        for (const part of splitMessage(text, way.connector.textLimit))
          await way.connector.send({ to: way.to, reply_from: way.from, text: part });
        return 'sent';
      } catch (error) {
        settings.logger?.error({ err: error, session_id: sessionId, notice: tag }, 'notice not sent');
        return 'not_sent';
      }
    },
  };
}
