import type { Channel } from '../domain/types.js';
import type { IdentityKind } from '../storage/ports.js';

/** One customer message from a messaging platform, in the platform's own identifiers. */
export interface InboundMessage {
  channel: Channel;
  /** The platform's id for the message (or update), used to process redeliveries once. */
  message_id: string;
  /** Who wrote, as the platform knows them: a phone number or a Telegram chat id. */
  from: string;
  identity: IdentityKind;
  text: string;
  /** Where to send the reply (WhatsApp phone number id, Twilio number, Telegram chat). */
  reply_to: string;
  /** Telegram inline button presses, to be acknowledged. */
  callback_query_id?: string;
}

export const header = (request: WebhookRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** A reply to send, with the turn's structured data for channels that can draw buttons. */
export interface OutboundMessage {
  to: string;
  reply_from: string;
  text: string;
  data?: ReplyData | undefined;
  /**
   * Send as this approved template, `text` filling its one body parameter ({{1}}): WhatsApp's way to
   * write to a customer more than 24 hours after they last wrote. Channels without templates ignore it.
   */
  template?: MessageTemplate;
}

/** What channels draw of a turn's structured data: the products shown, as buttons where the platform has them. */
export interface ReplyData {
  products?: ReadonlyArray<{ product_id: string; name: string }> | undefined;
}

/** An approved message template: its name and language code as registered with the platform. */
export interface MessageTemplate {
  name: string;
  language: string;
}

/** A webhook call as the platform made it: signatures cover the raw bytes and, for Twilio, the URL. */
export interface WebhookRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** The full URL the platform called. */
  url: string;
  body: unknown;
}

/** A messaging platform: how to tell its webhooks are genuine, read them, and answer there. */
export interface ChannelConnector {
  readonly channel: Channel;
  /** Most characters one outbound message may carry. */
  readonly textLimit: number;
  /** True only when the request carries the platform's valid signature or secret. */
  verify(request: WebhookRequest): boolean;
  /** The customer messages in a verified webhook body (status callbacks and media are skipped). */
  parse(body: unknown): InboundMessage[];
  /** Sends one message (already within the limit). Throws on failure; never retries on its own. */
  send(message: OutboundMessage): Promise<void>;
  /** Acknowledges an inline button press, where the platform needs that. */
  acknowledge?(message: InboundMessage): Promise<void>;
}
