import type { FastifyInstance } from 'fastify';
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { createChannels } from './channels.js';
import { createChannelDispatcher } from './dispatcher.js';
import type { SalesEngine } from '../engine.js';
import { PLATFORM_SECRETS, platformEnv, startFakePlatforms } from '../testing/fake-platforms.js';
import { signWhatsApp, whatsAppPayload } from '../testing/whatsapp-webhook.js';
import { createTestContext } from '../testing/test-context.js';
import { buildApp } from '../app/http.js';

const APP_SECRET: string = PLATFORM_SECRETS.whatsapp;
const TG_SECRET: string = PLATFORM_SECRETS.telegram;
const TWILIO_TOKEN: string = PLATFORM_SECRETS.twilio;
const SMS_URL = 'https://shop.example/api/webhook/sms';

let fake: Awaited<ReturnType<typeof startFakePlatforms>>;
let ctx: AppContext;
let app: FastifyInstance;

beforeAll(async () => {
  fake = await startFakePlatforms();
  ctx = await createTestContext({
    API_KEYS: 'sk_test_0123456789abcdefghijklmnop',
    WHATSAPP_VERIFY_TOKEN: 'verify-me',
    ...platformEnv(fake.url),
    TWILIO_WEBHOOK_URL: SMS_URL,
    SMS_MAX_CHARS: '300',
  });
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  await fake.close();
});
beforeEach(() => {
  fake.calls.length = 0;
});

const sign = (body: string, secret = APP_SECRET) => signWhatsApp(body, secret);
const whatsApp = (body: string, signature = sign(body)) =>
  app.inject({
    method: 'POST',
    url: '/api/webhook/whatsapp',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    payload: body,
  });

describe('WhatsApp', () => {
  it('answers the verification handshake only with the right token', async () => {
    const ok = await app.inject({
      method: 'GET',
      url: '/api/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const bad = await app.inject({
      method: 'GET',
      url: '/api/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1',
    });
    expect(bad.statusCode).toBe(403);
  });

  it('accepts a signed message (non-ASCII too) and replies through the Graph API', async () => {
    const body = whatsAppPayload([
      { id: 'wamid.A1', from: '15551230001', text: 'Hola 👋 show me hoodies, ¿sí?' },
    ]);
    const res = await whatsApp(body);
    expect(res.statusCode).toBe(200);
    await ctx.channels.dispatcher.idle();
    const sent = fake.calls.filter((c) => c.path === '/v21.0/PNID1/messages');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]?.headers.authorization).toBe('Bearer wa-token');
    expect(JSON.parse(sent[0]!.body)).toMatchObject({
      messaging_product: 'whatsapp',
      to: '15551230001',
      type: 'text',
    });
    expect(JSON.parse(sent[0]!.body).text.body).toMatch(/hoodie/i);
    // Counted for /metrics as answered and sent.
    const metrics = await ctx.metrics.registry.getSingleMetricAsString('sales_agent_channel_messages_total');
    expect(metrics).toMatch(
      /sales_agent_channel_messages_total\{channel="whatsapp",outcome="processed"\} [1-9]/,
    );
  });

  it('rejects a bad signature and sends nothing', async () => {
    const body = whatsAppPayload([{ id: 'wamid.B1', from: '15551230002', text: 'hi' }]);
    expect((await whatsApp(body, sign(body, 'wrong-secret'))).statusCode).toBe(403);
    expect((await whatsApp(body, 'sha256=00')).statusCode).toBe(403);
    expect((await whatsApp(body.replace('hi', 'ho'), sign(body))).statusCode).toBe(403);
    await ctx.channels.dispatcher.idle();
    expect(fake.calls).toHaveLength(0);
  });

  it('acknowledges status callbacks without processing them', async () => {
    const body = whatsAppPayload([], true);
    const res = await whatsApp(body);
    expect(res.json()).toEqual({ received: 0 });
    await ctx.channels.dispatcher.idle();
    expect(fake.calls).toHaveLength(0);
  });

  it('processes a redelivered message exactly once, even two copies at once', async () => {
    const body = whatsAppPayload([{ id: 'wamid.DUP', from: '15551230003', text: 'hello' }]);
    const [a, b] = await Promise.all([whatsApp(body), whatsApp(body)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    await whatsApp(body);
    await ctx.channels.dispatcher.idle();
    expect(fake.calls.filter((c) => c.path.endsWith('/messages'))).toHaveLength(1);
    const log = await ctx.storage.conversations.get(
      await ctx.storage.channels.sessionFor('whatsapp', '15551230003'),
    );
    expect(log?.messages.filter((m) => m.role === 'user')).toHaveLength(1);
  });
});

describe('Telegram', () => {
  const telegram = (update: object, secret = TG_SECRET) =>
    app.inject({
      method: 'POST',
      url: '/api/webhook/telegram',
      headers: { 'x-telegram-bot-api-secret-token': secret },
      payload: update,
    });

  it('checks the secret token header', async () => {
    const res = await telegram(
      { update_id: 1, message: { message_id: 1, chat: { id: 42 }, text: 'hi' } },
      'wrong',
    );
    expect(res.statusCode).toBe(403);
  });

  it('replies with sendMessage and offers product choices as inline buttons', async () => {
    const res = await telegram({
      update_id: 2,
      message: { message_id: 2, chat: { id: 4242 }, text: 'show me laptops' },
    });
    expect(res.statusCode).toBe(200);
    await ctx.channels.dispatcher.idle();
    const sent = fake.calls.find((c) => c.path === '/bot123:abc/sendMessage');
    const body = JSON.parse(sent!.body);
    expect(body.chat_id).toBe('4242');
    expect(body.reply_markup.inline_keyboard[0][0].callback_data).toMatch(/^product:/);
  });

  it('accepts non-ASCII text', async () => {
    const res = await telegram({
      update_id: 5,
      message: { message_id: 5, chat: { id: 5151 }, text: 'Привет! 你好 — show me phones 📱' },
    });
    expect(res.statusCode).toBe(200);
    await ctx.channels.dispatcher.idle();
    expect(
      fake.calls.some((c) => c.path.endsWith('/sendMessage') && JSON.parse(c.body).chat_id === '5151'),
    ).toBe(true);
  });

  it('answers button presses with answerCallbackQuery and the product details', async () => {
    const res = await telegram({
      update_id: 3,
      callback_query: {
        id: 'cbq-1',
        data: 'product:LAPTOP001',
        from: { id: 4242 },
        message: { message_id: 9, chat: { id: 4242 } },
      },
    });
    expect(res.statusCode).toBe(200);
    await ctx.channels.dispatcher.idle();
    expect(fake.calls.map((c) => c.path)).toContain('/bot123:abc/answerCallbackQuery');
    const sent = fake.calls.find((c) => c.path.endsWith('/sendMessage'));
    expect(JSON.parse(sent!.body).text).toContain('Northwind ProBook 14 Work Laptop');
  });
});

describe('SMS through Twilio', () => {
  const sms = (params: Record<string, string>, signature?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/webhook/sms',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature ?? twilio.getExpectedTwilioSignature(TWILIO_TOKEN, SMS_URL, params),
      },
      payload: new URLSearchParams(params).toString(),
    });

  it('validates the signature, answers with empty TwiML and replies through the REST API in parts', async () => {
    const params = { MessageSid: 'SM1', From: '+15551230004', To: '+15550009999', Body: 'show me jackets' };
    expect((await sms(params, 'bogus')).statusCode).toBe(403);
    const res = await sms(params);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    expect(res.body).toContain('<Response></Response>');
    await ctx.channels.dispatcher.idle();
    const sent = fake.calls.filter((c) => c.path === '/2010-04-01/Accounts/AC123/Messages.json');
    expect(sent.length).toBeGreaterThan(1);
    expect(sent[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`AC123:${TWILIO_TOKEN}`).toString('base64')}`,
    );
    for (const call of sent) {
      const form = new URLSearchParams(call.body);
      expect(form.get('To')).toBe('+15551230004');
      expect(form.get('From')).toBe('+15550009999');
      expect(form.get('Body')!.length).toBeLessThanOrEqual(300);
    }
  });

  it('accepts a signed non-ASCII message', async () => {
    const params = {
      MessageSid: 'SM-UTF8',
      From: '+15551230010',
      To: '+15550009999',
      Body: '¿Tienen chaquetas? 🧥 grüße',
    };
    expect((await sms(params)).statusCode).toBe(200);
    await ctx.channels.dispatcher.idle();
    const log = await ctx.storage.conversations.get(
      await ctx.storage.channels.sessionFor('sms', '15551230010'),
    );
    expect(log?.messages[0]?.content).toBe(params.Body);
  });

  it('shares one customer and cart between WhatsApp and SMS from the same phone number', async () => {
    await whatsApp(whatsAppPayload([{ id: 'wamid.C1', from: '15551230005', text: 'add LAPTOP001 in grey' }]));
    await ctx.channels.dispatcher.idle();
    fake.calls.length = 0;
    await sms({ MessageSid: 'SM2', From: '+15551230005', To: '+15550009999', Body: "what's in my cart" });
    await ctx.channels.dispatcher.idle();
    const text = fake.calls.map((c) => new URLSearchParams(c.body).get('Body')).join(' ');
    expect(text).toContain('Northwind ProBook 14 Work Laptop');
  });
});

describe('per-sender limit', () => {
  it("answers a flooding sender's first messages a minute, keeps the rest on record, and others as usual", async () => {
    const limitedApp = await buildApp(ctx, {
      logger: false,
      security: { rateLimitPerMinute: 100, senderMessagesPerMinute: 2, corsOrigins: [] },
    });
    try {
      const send = async (id: string, from: string) => {
        const body = whatsAppPayload([{ id, from, text: 'hi' }]);
        return limitedApp.inject({
          method: 'POST',
          url: '/api/webhook/whatsapp',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
          payload: body,
        });
      };
      for (const id of ['wamid.F1', 'wamid.F2', 'wamid.F3'])
        expect((await send(id, '15551239001')).statusCode).toBe(200);
      expect((await send('wamid.G1', '15551239002')).statusCode).toBe(200);
      await ctx.channels.dispatcher.idle();
      const replies = fake.calls
        .filter((c) => c.path.endsWith('/messages'))
        .map((c) => JSON.parse(c.body).to);
      expect(replies.filter((to: string) => to === '15551239001')).toHaveLength(2);
      expect(replies.filter((to: string) => to === '15551239002')).toHaveLength(1);
      expect(await ctx.storage.channels.messageStatus('whatsapp', 'wamid.F3')).toBe('rate_limited');
      expect(await ctx.storage.channels.messageStatus('whatsapp', 'wamid.F1')).toBe('processed');
    } finally {
      await limitedApp.close();
    }
  });
});

describe('fast acknowledgement and configuration', () => {
  it('acknowledges within a second while a slow agent works, then replies', async () => {
    let release: () => void = () => undefined;
    const slow: SalesEngine = {
      ...ctx.engine,
      async processSalesConversation(input) {
        await new Promise<void>((resolve) => (release = resolve));
        return ctx.engine.processSalesConversation(input);
      },
    };
    const dispatcher = createChannelDispatcher({
      engine: slow,
      channels: ctx.storage.channels,
      conversations: ctx.storage.conversations,
      now: ctx.now,
    });
    const slowApp = await buildApp(
      { ...ctx, channels: createChannels(ctx.config, dispatcher) },
      { logger: false },
    );
    const started = performance.now();
    const res = await slowApp.inject({
      method: 'POST',
      url: '/api/webhook/whatsapp',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': sign(whatsAppPayload([{ id: 'wamid.SLOW', from: '15551230006', text: 'hi' }])),
      },
      payload: whatsAppPayload([{ id: 'wamid.SLOW', from: '15551230006', text: 'hi' }]),
    });
    expect(res.statusCode).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fake.calls).toHaveLength(0);
    release();
    await dispatcher.idle();
    expect(fake.calls.filter((c) => c.path.endsWith('/messages'))).toHaveLength(1);
    await slowApp.close();
  });

  it('refuses the simplified payload once authentication is configured', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/webhook/whatsapp',
      payload: { from: '+1555', text: 'hi' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('trying channels out in local-only mode', () => {
  it("accepts the seed's simplified payloads and answers in the response", async () => {
    const local = await createTestContext();
    const localApp = await buildApp(local, { logger: false });
    try {
      const wa = await localApp.inject({
        method: 'POST',
        url: '/api/webhook/whatsapp',
        payload: { from: '+1234567890', text: 'I want to buy a phone' },
      });
      expect(wa.statusCode).toBe(200);
      expect(['recommend', 'browse', 'search']).toContain(wa.json().current_intent);
      expect(wa.json().response).toMatch(/phone/i);
      const tg = await localApp.inject({
        method: 'POST',
        url: '/api/webhook/telegram',
        payload: { message: { chat: { id: 123456 }, text: 'Show me your products' } },
      });
      expect(tg.json().response).toMatch(/\$/);
      const sms = await localApp.inject({
        method: 'POST',
        url: '/api/webhook/sms',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'MessageSid=SMX&From=%2B15550001111&To=%2B15550002222&Body=hello',
      });
      expect(sms.body).toMatch(/<Response><Message>.+<\/Message><\/Response>/s);
    } finally {
      await localApp.close();
      await local.close();
    }
  });
});
