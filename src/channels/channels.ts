import type { Config } from '../config.js';
import type { ChannelDispatcher, ChannelTurnResult } from './dispatcher.js';
import type { Fetch } from './http-client.js';
import { createSmsConnector } from './sms.js';
import { createTelegramConnector } from './telegram.js';
import type { ChannelConnector } from './types.js';
import { createWhatsAppConnector } from './whatsapp.js';

/** The connectors of the channels whose webhook secrets are configured: their receiving and sending side. */
export interface ChannelConnectors {
  whatsapp?: ChannelConnector;
  /** WhatsApp's GET handshake token. */
  whatsappVerifyToken?: string;
  telegram?: ChannelConnector;
  sms?: ChannelConnector;
}

/** The configured channels and the dispatcher that answers their messages. */
export interface Channels<R extends ChannelTurnResult = ChannelTurnResult> extends ChannelConnectors {
  dispatcher: ChannelDispatcher<R>;
}

/** Builds the channels configured in the environment; the others answer their webhooks with 503. */
export function createChannels<R extends ChannelTurnResult>(
  config: Config,
  dispatcher: ChannelDispatcher<R>,
  fetchFn?: Fetch,
): Channels<R> {
  return { ...createChannelConnectors(config, fetchFn), dispatcher };
}

/**
 * The connectors of the channels configured in the environment. They need no dispatcher, so notices can
 * be sent through them before the engine that answers incoming messages exists.
 */
export function createChannelConnectors(config: Config, fetchFn?: Fetch): ChannelConnectors {
  const f = fetchFn ? { fetch: fetchFn } : {};
  return {
    whatsappVerifyToken: config.WHATSAPP_VERIFY_TOKEN,
    ...(config.WHATSAPP_APP_SECRET
      ? {
          whatsapp: createWhatsAppConnector({
            appSecret: config.WHATSAPP_APP_SECRET,
            accessToken: config.WHATSAPP_ACCESS_TOKEN,
            apiBaseUrl: config.WHATSAPP_API_BASE_URL,
            ...f,
          }),
        }
      : {}),
    ...(config.TELEGRAM_WEBHOOK_SECRET
      ? {
          telegram: createTelegramConnector({
            webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
            botToken: config.TELEGRAM_BOT_TOKEN,
            apiBaseUrl: config.TELEGRAM_API_BASE_URL,
            ...f,
          }),
        }
      : {}),
    ...(config.TWILIO_AUTH_TOKEN
      ? {
          sms: createSmsConnector({
            authToken: config.TWILIO_AUTH_TOKEN,
            accountSid: config.TWILIO_ACCOUNT_SID,
            webhookUrl: config.TWILIO_WEBHOOK_URL,
            apiBaseUrl: config.TWILIO_API_BASE_URL,
            maxChars: config.SMS_MAX_CHARS,
            ...f,
          }),
        }
      : {}),
  };
}
