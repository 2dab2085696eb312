import { randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { post, type Fetch } from './http-client.js';
import { notConfigured, parseBody } from './errors.js';
import { header, type ChannelConnector, type InboundMessage } from './types.js';

export interface TelegramSettings {
  /** The secret_token given to setWebhook; every update carries it. */
  webhookSecret: string;
  /** Sends replies; without it the channel can receive but answers 503. */
  botToken?: string;
  /** Bot API base, https://api.telegram.org by default; tests point it at a local fake. */
  apiBaseUrl: string;
  fetch?: Fetch;
}

export const TELEGRAM_TEXT_LIMIT = 4096;
/** Inline buttons offered for product choices. */
const MAX_BUTTONS = 5;

/** Checks `X-Telegram-Bot-Api-Secret-Token` against the secret set with setWebhook, in constant time. */
export function verifyTelegramSecret(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const chat = z.looseObject({ id: z.union([z.number(), z.string()]) });

export const telegramUpdateSchema = z.looseObject({
  update_id: z.number().optional(),
  message: z.looseObject({ message_id: z.number().optional(), chat, text: z.string().optional() }).optional(),
  callback_query: z
    .looseObject({
      id: z.string(),
      data: z.string().optional(),
      message: z.looseObject({ chat }).optional(),
      from: z.looseObject({ id: z.number() }),
    })
    .optional(),
});

/** Button data carries a product id; pressing one asks about that product. */
const BUTTON_PREFIX = 'product:';

export function parseTelegram(update: z.infer<typeof telegramUpdateSchema>): InboundMessage[] {
  const id = (fallback: string) => (update.update_id !== undefined ? String(update.update_id) : fallback);
  if (update.message?.text?.trim()) {
    const chatId = String(update.message.chat.id);
    return [
      {
        channel: 'telegram',
        message_id: id(`${chatId}:${update.message.message_id ?? randomUUID()}`),
        from: chatId,
        identity: 'telegram',
        text: update.message.text,
        reply_to: chatId,
      },
    ];
  }
  const q = update.callback_query;
  if (q?.data) {
    const chatId = String(q.message?.chat.id ?? q.from.id);
    const text = q.data.startsWith(BUTTON_PREFIX)
      ? `tell me about ${q.data.slice(BUTTON_PREFIX.length)}`
      : q.data;
    return [
      {
        channel: 'telegram',
        message_id: id(`cb:${q.id}`),
        from: chatId,
        identity: 'telegram',
        text,
        reply_to: chatId,
        callback_query_id: q.id,
      },
    ];
  }
  return [];
}

export function createTelegramConnector(settings: TelegramSettings): ChannelConnector {
  const fetchFn = settings.fetch ?? fetch;
  const call = (method: string, body: object) => {
    if (!settings.botToken) throw notConfigured('Telegram');
    return post(fetchFn, `${settings.apiBaseUrl.replace(/\/$/, '')}/bot${settings.botToken}/${method}`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  };
  return {
    channel: 'telegram',
    textLimit: TELEGRAM_TEXT_LIMIT,
    verify: (request) =>
      verifyTelegramSecret(header(request, 'x-telegram-bot-api-secret-token'), settings.webhookSecret),
    parse: (body) => parseTelegram(parseBody(telegramUpdateSchema, body, 'Telegram')),
    async send({ to, text, data }) {
      const products = data?.products ?? [];
      const keyboard = products.slice(0, MAX_BUTTONS).map((p, i) => [
        {
          text: `${i + 1}. ${p.name}`.slice(0, 60),
          callback_data: `${BUTTON_PREFIX}${p.product_id}`.slice(0, 64),
        },
      ]);
      await call('sendMessage', {
        chat_id: to,
        text,
        ...(keyboard.length ? { reply_markup: { inline_keyboard: keyboard } } : {}),
      });
    },
    async acknowledge(message) {
      if (message.callback_query_id)
        await call('answerCallbackQuery', { callback_query_id: message.callback_query_id });
    },
  };
}
