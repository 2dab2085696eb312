import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import { z } from 'zod';
import type { ChannelConnector, InboundMessage } from '../../channels/types.js';
import { EMPTY_TWIML, parseTwilio, twilioWebhookSchema, verifyTwilioSignature } from '../../channels/sms.js';
import { parseTelegram, telegramUpdateSchema, verifyTelegramSecret } from '../../channels/telegram.js';
import { parseWhatsApp, verifyWhatsAppSignature, whatsAppWebhookSchema } from '../../channels/whatsapp.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body's exact bytes, which platform signatures are computed over. */
    rawBody?: Buffer;
  }
}

const notConfigured = (channel: string) =>
  Object.assign(
    new AppError('CHANNEL_NOT_CONFIGURED', `The ${channel} channel is not configured.`, {
      category: 'system',
    }),
    {
      statusCode: 503,
    },
  );
const forbidden = (what: string) => new AppError('FORBIDDEN', `${what} is missing or wrong.`);

function parse<T>(schema: ZodType<T>, body: unknown, channel: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `body: not a ${channel} webhook payload`);
  return parsed.data;
}

/** The seed's simplified WhatsApp payload, accepted only while the server is local-only. */
const trialWhatsAppSchema = z
  .object({ from: z.string().trim().min(1).max(64), text: z.string().trim().min(1).max(4096) })
  .strict();

const isLocal = (request: FastifyRequest) => request.principal.kind === 'local';

/** Trying a channel out locally: no platform to reply through, so the answer comes back in the response. */
async function answerNow(deps: AppDeps, reply: FastifyReply, message: InboundMessage) {
  const result = await deps.channels.dispatcher.reply(message);
  return reply.send({
    response: result.response,
    session_id: result.session_id,
    current_intent: result.current_intent,
  });
}

async function deliver(
  deps: AppDeps,
  connector: ChannelConnector | undefined,
  messages: InboundMessage[],
  channel: string,
) {
  if (!connector) throw notConfigured(channel);
  await deps.channels.dispatcher.accept(connector, messages);
}

/**
 * Webhooks for WhatsApp Cloud API, Telegram Bot API and Twilio SMS. Each verifies the platform's
 * signature on the raw body, claims message ids so redeliveries run once, and answers at once; replies
 * go out through the platform's API when the turn is done.
 */
export const webhookRoutes = (deps: AppDeps) => async (app: FastifyInstance) => {
  const { whatsapp, telegram, sms } = deps.channels;
  // Platforms authenticate with signatures, and their servers share addresses: no bearer tokens, no per-IP limit.
  const config = { public: true, rateLimit: false } as const;

  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    try {
      done(null, (body as Buffer).length ? JSON.parse((body as Buffer).toString('utf8')) : {});
    } catch {
      done(Object.assign(new AppError('VALIDATION_FAILED', 'body: not valid JSON'), { statusCode: 400 }));
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (request, body, done) => {
      request.rawBody = body as Buffer;
      done(null, Object.fromEntries(new URLSearchParams((body as Buffer).toString('utf8'))));
    },
  );

  app.get(
    '/api/webhook/whatsapp',
    { config, schema: { tags: ['channels'], summary: 'WhatsApp verification handshake' } },
    async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const token = Buffer.from(q['hub.verify_token'] ?? '');
      const expected = Buffer.from(whatsapp.verifyToken ?? '');
      const ok =
        whatsapp.verifyToken !== undefined &&
        q['hub.mode'] === 'subscribe' &&
        token.length === expected.length &&
        timingSafeEqual(token, expected);
      if (!ok) return reply.status(403).type('text/plain').send('Forbidden');
      return reply.type('text/plain').send(q['hub.challenge'] ?? '');
    },
  );

  app.post(
    '/api/webhook/whatsapp',
    { config, schema: { tags: ['channels'], summary: 'WhatsApp Cloud API messages' } },
    async (request, reply) => {
      const trial = trialWhatsAppSchema.safeParse(request.body);
      if (trial.success && isLocal(request) && !whatsapp.appSecret) {
        const { from, text } = trial.data;
        return answerNow(deps, reply, {
          channel: 'whatsapp',
          message_id: `trial-${Date.now()}`,
          from,
          identity: 'phone',
          text,
          reply_to: '',
        });
      }
      if (!whatsapp.appSecret) throw notConfigured('WhatsApp');
      const signature = request.headers['x-hub-signature-256'];
      if (
        !verifyWhatsAppSignature(
          request.rawBody ?? Buffer.alloc(0),
          typeof signature === 'string' ? signature : undefined,
          whatsapp.appSecret,
        )
      ) {
        throw forbidden('X-Hub-Signature-256');
      }
      const messages = parseWhatsApp(parse(whatsAppWebhookSchema, request.body, 'WhatsApp'));
      if (messages.length > 0) await deliver(deps, whatsapp.connector, messages, 'WhatsApp');
      return reply.send({ received: messages.length });
    },
  );

  app.post(
    '/api/webhook/telegram',
    { config, schema: { tags: ['channels'], summary: 'Telegram Bot API updates' } },
    async (request, reply) => {
      const update = parse(telegramUpdateSchema, request.body, 'Telegram');
      const messages = parseTelegram(update);
      if (!telegram.webhookSecret) {
        if (!isLocal(request)) throw notConfigured('Telegram');
        const [first] = messages;
        if (!first) return reply.send({ received: 0 });
        if (!telegram.connector) return answerNow(deps, reply, first);
      } else {
        const secret = request.headers['x-telegram-bot-api-secret-token'];
        if (!verifyTelegramSecret(typeof secret === 'string' ? secret : undefined, telegram.webhookSecret)) {
          throw forbidden('X-Telegram-Bot-Api-Secret-Token');
        }
      }
      if (messages.length > 0) await deliver(deps, telegram.connector, messages, 'Telegram');
      return reply.send({ received: messages.length });
    },
  );

  app.post(
    '/api/webhook/sms',
    { config, schema: { tags: ['channels'], summary: 'Twilio SMS messages' } },
    async (request, reply) => {
      const params = parse(twilioWebhookSchema, request.body, 'Twilio');
      const messages = parseTwilio(params);
      if (!sms.authToken) {
        if (!isLocal(request)) throw notConfigured('SMS');
        const [first] = messages;
        const text = first ? (await deps.channels.dispatcher.reply(first)).response : '';
        const escaped = text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);
        return reply
          .type('text/xml')
          .send(
            text
              ? `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escaped}</Message></Response>`
              : EMPTY_TWIML,
          );
      }
      const url = sms.webhookUrl ?? `${request.protocol}://${request.host}${request.url}`;
      const signature = request.headers['x-twilio-signature'];
      if (
        !verifyTwilioSignature(
          sms.authToken,
          typeof signature === 'string' ? signature : undefined,
          url,
          request.body as Record<string, string>,
        )
      ) {
        throw forbidden('X-Twilio-Signature');
      }
      if (messages.length > 0) await deliver(deps, sms.connector, messages, 'SMS');
      return reply.type('text/xml').send(EMPTY_TWIML);
    },
  );
};
