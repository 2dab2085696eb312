import type { Config } from '../config.js';
import type { ChannelDispatcher } from './dispatcher.js';
import { createSmsConnector } from './sms.js';
import { createTelegramConnector } from './telegram.js';
import type { ChannelConnector } from './types.js';
import { createWhatsAppConnector } from './whatsapp.js';
import type { Fetch } from './http-client.js';

/** Each messaging channel's inbound secrets and, when it can reply, its connector. */
export interface Channels {
  dispatcher: ChannelDispatcher;
  whatsapp: { verifyToken?: string; appSecret?: string; connector?: ChannelConnector };
  telegram: { webhookSecret?: string; connector?: ChannelConnector };
  sms: { authToken?: string; webhookUrl?: string; connector?: ChannelConnector };
}

/** Builds the channels configured in the environment; unconfigured ones answer webhooks with 503. */
export function createChannels(config: Config, dispatcher: ChannelDispatcher, fetchFn?: Fetch): Channels {
  const f = fetchFn ? { fetch: fetchFn } : {};
  return {
    dispatcher,
    whatsapp: {
      verifyToken: config.WHATSAPP_VERIFY_TOKEN,
      appSecret: config.WHATSAPP_APP_SECRET,
      ...(config.WHATSAPP_ACCESS_TOKEN
        ? {
            connector: createWhatsAppConnector({
              accessToken: config.WHATSAPP_ACCESS_TOKEN,
              apiBaseUrl: config.WHATSAPP_API_BASE_URL,
              ...f,
            }),
          }
        : {}),
    },
    telegram: {
      webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
      ...(config.TELEGRAM_BOT_TOKEN
        ? {
            connector: createTelegramConnector({
              botToken: config.TELEGRAM_BOT_TOKEN,
              apiBaseUrl: config.TELEGRAM_API_BASE_URL,
              ...f,
            }),
          }
        : {}),
    },
    sms: {
      authToken: config.TWILIO_AUTH_TOKEN,
      webhookUrl: config.TWILIO_WEBHOOK_URL,
      ...(config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN
        ? {
            connector: createSmsConnector({
              accountSid: config.TWILIO_ACCOUNT_SID,
              authToken: config.TWILIO_AUTH_TOKEN,
              apiBaseUrl: config.TWILIO_API_BASE_URL,
              maxChars: config.SMS_MAX_CHARS,
              ...f,
            }),
          }
        : {}),
    },
  };
}
