import type { Config } from '../config.js';
import type { ChannelDispatcher } from './dispatcher.js';
import type { Fetch } from './http-client.js';
import { createSmsConnector } from './sms.js';
import { createTelegramConnector } from './telegram.js';
import type { ChannelConnector } from './types.js';
import { createWhatsAppConnector } from './whatsapp.js';

/** The channels whose webhook secrets are configured, and the dispatcher that answers them. */
export interface Channels {
  dispatcher: ChannelDispatcher;
  whatsapp?: ChannelConnector;
  /** WhatsApp's GET handshake token. */
  whatsappVerifyToken?: string;
  telegram?: ChannelConnector;
  sms?: ChannelConnector;
}

/** Builds the channels configured in the environment; the others answer their webhooks with 503. */
export function createChannels(config: Config, dispatcher: ChannelDispatcher, fetchFn?: Fetch): Channels {
  const f = fetchFn ? { fetch: fetchFn } : {};
  return {
    dispatcher,
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
