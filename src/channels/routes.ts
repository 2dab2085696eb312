import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notConfigured } from './errors.js';
import { EMPTY_TWIML, parseTwilio, twilioWebhookSchema } from './sms.js';
import { parseTelegram, telegramUpdateSchema } from './telegram.js';
import type { ChannelConnector, InboundMessage } from './types.js';
import { AppError } from '../errors.js';
import type { Channels } from './channels.js';
import type { Clock } from '../domain/clock.js';
import type { Storage } from '../storage/ports.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body's exact bytes, which platform signatures are computed over. */
    rawBody?: Buffer;
  }
}

/** The seed's simplified WhatsApp payload, accepted only while the server is local-only. */
const trialWhatsAppSchema = z
  .object({ from: z.string().trim().min(1).max(64), text: z.string().trim().min(1).max(4096) })
  .strict();

const escapeXml = (text: string) =>
  text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);

/** What the webhooks use. */
export interface WebhookRouteDeps {
  channels: Channels;
  storage: Pick<Storage, 'channels'>;
  now: Clock;
}

/**
 * Webhooks for WhatsApp Cloud API, Telegram Bot API and Twilio SMS. A configured channel verifies the
 * platform's signature on the raw body, claims message ids so redeliveries run once, and answers at once;
 * replies go out through the platform's API when the turn is done. With no authentication configured
 * (local-only mode) an unconfigured channel answers in the response instead, for trying it out.
 */
export const webhookRoutes = (deps: WebhookRouteDeps) => async (app: FastifyInstance) => {
  const { channels } = deps;
  // Platforms authenticate with signatures, and their servers share addresses: no bearer tokens, no per-IP limit.
  const config = { public: true, rateLimit: false } as const;

  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    let parsed: unknown;
    try {
      parsed = (body as Buffer).length ? JSON.parse((body as Buffer).toString('utf8')) : {};
    } catch {
      return done(new AppError('VALIDATION_FAILED', 'body: not valid JSON'));
    }
    // Every platform posts an object; null, a bare value or an array (however deep) is nobody's webhook.
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return done(new AppError('VALIDATION_FAILED', 'body: expected a JSON object'));
    done(null, parsed);
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (request, body, done) => {
      request.rawBody = body as Buffer;
      done(null, Object.fromEntries(new URLSearchParams((body as Buffer).toString('utf8'))));
    },
  );

  /** Verifies, parses and hands a webhook's messages to the dispatcher; the caller answers the platform. */
  async function receive(connector: ChannelConnector, request: FastifyRequest): Promise<number> {
    const genuine = connector.verify({
      rawBody: request.rawBody ?? Buffer.alloc(0),
      headers: request.headers,
      url: `${request.protocol}://${request.host}${request.url}`,
      body: request.body,
    });
    if (!genuine)
      throw new AppError('FORBIDDEN', `The ${connector.channel} webhook signature is missing or wrong.`);
    const messages = connector.parse(request.body);
    const allowed: InboundMessage[] = [];
    for (const m of messages) {
      if (await app.allowSender(request, m.channel, m.from)) allowed.push(m);
      else {
        // Kept on record, unanswered: one sender flooding the shop costs it no model calls or replies.
        request.log.warn({ channel: m.channel, message_id: m.message_id }, 'sender over their message limit');
        const now = deps.now().toISOString();
        const kept = await deps.storage.channels.receiveMessage(m.channel, m.message_id, m, {
          owner: 'rate-limit',
          now,
          until: now,
        });
        if (kept !== 'duplicate')
          await deps.storage.channels.markMessage(m.channel, m.message_id, 'rate_limited');
      }
    }
    await channels.dispatcher.accept(connector, allowed);
    return messages.length;
  }

  /** Local-only trial of an unconfigured channel: the answer comes back in the response. */
  async function trial(request: FastifyRequest, message: InboundMessage | undefined, channel: string) {
    if (request.principal.kind !== 'local') throw notConfigured(channel);
    return message ? channels.dispatcher.reply(message) : null;
  }

  const tags = ['channels'];

  app.get(
    '/api/webhook/whatsapp',
    { config, schema: { tags, summary: 'WhatsApp verification handshake' } },
    async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const given = Buffer.from(q['hub.verify_token'] ?? '');
      const expected = Buffer.from(channels.whatsappVerifyToken ?? '');
      const ok =
        channels.whatsappVerifyToken !== undefined &&
        q['hub.mode'] === 'subscribe' &&
        given.length === expected.length &&
        timingSafeEqual(given, expected);
      if (!ok) return reply.status(403).type('text/plain').send('Forbidden');
      return reply.type('text/plain').send(q['hub.challenge'] ?? '');
    },
  );

  app.post(
    '/api/webhook/whatsapp',
    { config, schema: { tags, summary: 'WhatsApp Cloud API messages' } },
    async (request, reply: FastifyReply) => {
      if (channels.whatsapp) return reply.send({ received: await receive(channels.whatsapp, request) });
      const simplified = trialWhatsAppSchema.safeParse(request.body);
      if (!simplified.success) {
        if (request.principal.kind !== 'local') throw notConfigured('WhatsApp');
        throw new AppError(
          'VALIDATION_FAILED',
          'body: expected {"from", "text"} while WhatsApp is not configured',
        );
      }
      const { from, text } = simplified.data;
      const result = await trial(
        request,
        {
          channel: 'whatsapp',
          message_id: `trial-${randomUUID()}`,
          from,
          identity: 'phone',
          text,
          reply_to: '',
        },
        'WhatsApp',
      );
      return reply.send({
        response: result?.response,
        session_id: result?.session_id,
        current_intent: result?.current_intent,
      });
    },
  );

  app.post(
    '/api/webhook/telegram',
    { config, schema: { tags, summary: 'Telegram Bot API updates' } },
    async (request, reply) => {
      if (channels.telegram) return reply.send({ received: await receive(channels.telegram, request) });
      const update = telegramUpdateSchema.safeParse(request.body);
      if (!update.success && request.principal.kind === 'local')
        throw new AppError(
          'VALIDATION_FAILED',
          'body: expected a Telegram update {"message": {"chat": {"id"}, "text"}}',
        );
      const result = await trial(
        request,
        update.success ? parseTelegram(update.data)[0] : undefined,
        'Telegram',
      );
      return reply.send({ response: result?.response ?? null, session_id: result?.session_id ?? null });
    },
  );

  app.post(
    '/api/webhook/sms',
    { config, schema: { tags, summary: 'Twilio SMS messages' } },
    async (request, reply) => {
      if (channels.sms) {
        await receive(channels.sms, request);
        return reply.type('text/xml').send(EMPTY_TWIML);
      }
      const params = twilioWebhookSchema.safeParse(request.body);
      if (!params.success && request.principal.kind === 'local')
        throw new AppError(
          'VALIDATION_FAILED',
          'body: expected Twilio form fields (MessageSid, From, To, Body)',
        );
      const result = await trial(request, params.success ? parseTwilio(params.data)[0] : undefined, 'SMS');
      return reply
        .type('text/xml')
        .send(
          result
            ? `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeXml(result.response)}</Message></Response>`
            : EMPTY_TWIML,
        );
    },
  );
};
