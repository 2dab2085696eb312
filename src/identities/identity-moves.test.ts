import type { FastifyInstance } from 'fastify';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { signedIn } from '../testing/api-calls.js';
import { PLATFORM_SECRETS, platformEnv, startFakePlatforms } from '../testing/fake-platforms.js';
import { signWhatsApp, whatsAppPayload } from '../testing/whatsapp-webhook.js';
import { createTestContext } from '../testing/test-context.js';

// A number or chat that wrote to the shop keeps being answered after it moves to an account: linked
// by the customer with a code (the chat, its history and the guest's cart go with it), or moved by
// staff between two accounts (the new owner starts a conversation of their own).
const SECRET = 'identity-moves-test-secret-long-enough-for-hs256';
const WA_SECRET = PLATFORM_SECRETS.whatsapp;
const TG_SECRET = PLATFORM_SECRETS.telegram;
const TW_TOKEN = PLATFORM_SECRETS.twilio;
const SMS_URL = 'https://shop.example/api/webhook/sms';
const SHOP_NUMBER = '+15550009999';

let fake: Awaited<ReturnType<typeof startFakePlatforms>>;
let ctx: AppContext;
let app: FastifyInstance;
const as = signedIn(SECRET);
const admin = as('staff1', { role: 'admin' });

beforeAll(async () => {
  fake = await startFakePlatforms();
  ctx = await createTestContext({
    JWT_SECRET: SECRET,
    ...platformEnv(fake.url),
    TWILIO_WEBHOOK_URL: SMS_URL,
    TWILIO_FROM_NUMBER: SHOP_NUMBER,
  });
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  await fake.close();
});

type Channel = 'whatsapp' | 'sms' | 'telegram';
let seq = 0;
const delivered: { channel: Channel; id: string }[] = [];

/** How the messages delivered on a channel ended, each status once. */
async function statuses(channel: Channel): Promise<(string | null)[]> {
  const all = await Promise.all(
    delivered
      .filter((m) => m.channel === channel)
      .map((m) => ctx.storage.channels.messageStatus(m.channel, m.id)),
  );
  return [...new Set(all)];
}

/** A signed webhook carrying one message from `from` (a phone number, or a Telegram chat id). */
async function webhook(channel: Channel, from: string, text: string): Promise<number> {
  seq += 1;
  delivered.push({
    channel,
    id: channel === 'whatsapp' ? `wamid.M${seq}` : channel === 'sms' ? `SMM${seq}` : `${5000 + seq}`,
  });
  if (channel === 'whatsapp') {
    const body = whatsAppPayload([{ id: `wamid.M${seq}`, from: from.replace('+', ''), text }]);
    return (
      await app.inject({
        method: 'POST',
        url: '/api/webhook/whatsapp',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(body, WA_SECRET) },
        payload: body,
      })
    ).statusCode;
  }
  if (channel === 'sms') {
    const params = { MessageSid: `SMM${seq}`, From: from, To: SHOP_NUMBER, Body: text };
    return (
      await app.inject({
        method: 'POST',
        url: '/api/webhook/sms',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(TW_TOKEN, SMS_URL, params),
        },
        payload: new URLSearchParams(params).toString(),
      })
    ).statusCode;
  }
  return (
    await app.inject({
      method: 'POST',
      url: '/api/webhook/telegram',
      headers: { 'x-telegram-bot-api-secret-token': TG_SECRET },
      payload: { update_id: 5000 + seq, message: { message_id: seq, chat: { id: Number(from) }, text } },
    })
  ).statusCode;
}

/** Every text the shop sent to `to` on a channel, oldest first (verification codes included). */
function sentTo(channel: Channel, to: string): string[] {
  const out: string[] = [];
  for (const call of fake.calls) {
    if (channel === 'whatsapp' && call.path === '/v21.0/PNID1/messages') {
      const body = JSON.parse(call.body) as { to: string; text?: { body: string } };
      if (body.to === to.replace('+', '')) out.push(body.text?.body ?? '');
    } else if (channel === 'sms' && call.path.endsWith('/Messages.json')) {
      const form = new URLSearchParams(call.body);
      if (form.get('To') === to) out.push(form.get('Body') ?? '');
    } else if (channel === 'telegram' && call.path.endsWith('/sendMessage')) {
      const body = JSON.parse(call.body) as { chat_id: string; text: string };
      if (String(body.chat_id) === to) out.push(body.text);
    }
  }
  return out;
}

/** The customer writes; resolves with what the shop answered them on that channel. */
async function says(channel: Channel, from: string, text: string): Promise<string> {
  const before = sentTo(channel, from).length;
  expect(await webhook(channel, from, text)).toBe(200);
  await ctx.channels.dispatcher.idle();
  return sentTo(channel, from).slice(before).join('\n');
}

const kindOf = (channel: Channel) => (channel === 'telegram' ? 'telegram' : 'phone');
const senderOf = (from: string) => from.replace('+', '');
const sessionOf = (channel: Channel, from: string) =>
  ctx.storage.channels.sessionFor(channel, senderOf(from));

/** Links the identity to `user` the way a customer does: asks for a code, reads it, sends it back. */
async function linkWithCode(channel: Channel, from: string, user: string) {
  const body = { user_id: user, kind: kindOf(channel), value: from };
  expect(
    (await app.inject({ method: 'POST', url: '/api/identities', payload: body, headers: as(user) }))
      .statusCode,
  ).toBe(202);
  // Phone codes go by SMS (the shop's number is set up), chat codes to the Telegram chat.
  const code = /code is (\d{6})/.exec(
    sentTo(channel === 'telegram' ? 'telegram' : 'sms', from)
      .filter((t) => t.includes('code is'))
      .at(-1) ?? '',
  )?.[1];
  expect(code).toBeDefined();
  const confirmed = await app.inject({
    method: 'POST',
    url: '/api/identities/confirm',
    payload: { ...body, code },
    headers: as(user),
  });
  expect(confirmed.statusCode).toBe(200);
}

const numbers: Record<Channel, [string, string]> = {
  whatsapp: ['+15552220001', '+15552220002'],
  sms: ['+15552220011', '+15552220012'],
  telegram: ['52220021', '52220022'],
};
const customers: Record<Channel, [string, string, string]> = {
  whatsapp: ['customer031', 'customer032', 'customer033'],
  sms: ['customer034', 'customer035', 'customer036'],
  telegram: ['customer037', 'customer038', 'customer039'],
};

describe.each(['whatsapp', 'sms', 'telegram'] as const)('moving a %s identity', (channel) => {
  it('a guest chat linked with a code keeps going, with its history and its cart, as the account', async () => {
    const [from] = numbers[channel];
    const [user] = customers[channel];
    expect(await says(channel, from, 'add LAPTOP001 in grey to my cart')).toMatch(/ProBook/);
    const guestSession = await sessionOf(channel, from);
    expect(await ctx.storage.conversations.ownerOf(guestSession)).toBe(`${kindOf(channel)}:${from}`);

    await linkWithCode(channel, from, user);

    const reply = await says(channel, from, "what's in my cart?");
    // Answered, in the same conversation, now the account's, with the guest's laptop in its cart.
    expect(reply).toContain('Northwind ProBook 14 Work Laptop');
    expect(await sessionOf(channel, from)).toBe(guestSession);
    expect(await ctx.storage.conversations.ownerOf(guestSession)).toBe(user);
    const log = await ctx.storage.conversations.get(guestSession);
    expect(log?.messages.map((m) => m.content)).toContain('add LAPTOP001 in grey to my cart');
    expect((await ctx.agents.cart.view(user)).items.map((i) => i.product_id)).toContain('LAPTOP001');
    expect((await ctx.agents.cart.view(`${kindOf(channel)}:${from}`)).items).toEqual([]);
    // And it keeps being answered.
    expect(await says(channel, from, 'hi')).not.toBe('');
    expect(await statuses(channel)).toEqual(['processed']);
  });

  it('moved by staff from one account to another: the new owner gets a conversation of their own, answered', async () => {
    const [, from] = numbers[channel];
    const [, first, second] = customers[channel];
    const move = (user: string) =>
      app.inject({
        method: 'POST',
        url: '/api/admin/identities',
        payload: { user_id: user, kind: kindOf(channel), value: from },
        headers: admin,
      });
    // A guest chat moved by staff continues, like one linked with a code.
    expect(await says(channel, from, 'hello')).not.toBe('');
    const guestSession = await sessionOf(channel, from);
    expect((await move(first)).json()).toMatchObject({ previous_user_id: `${kindOf(channel)}:${from}` });
    expect(await says(channel, from, 'show me hoodies')).not.toBe('');
    expect(await sessionOf(channel, from)).toBe(guestSession);
    expect(await ctx.storage.conversations.ownerOf(guestSession)).toBe(first);

    expect((await move(second)).json()).toMatchObject({ previous_user_id: first });
    expect(await says(channel, from, 'any running shoes?')).not.toBe('');
    const fresh = await sessionOf(channel, from);
    expect(fresh).not.toBe(guestSession);
    expect(await ctx.storage.conversations.ownerOf(fresh)).toBe(second);
    // The first owner's conversation stays theirs, and nothing of the new owner's lands in it.
    expect(await ctx.storage.conversations.ownerOf(guestSession)).toBe(first);
    const old = await ctx.storage.conversations.get(guestSession);
    expect(old?.messages.map((m) => m.content)).not.toContain('any running shoes?');
    expect(await statuses(channel)).toEqual(['processed']);
  });
});

describe('a move cut short (the process died between the link and moving its conversations)', () => {
  it("finishes adopting a guest's chat on the next message", async () => {
    const from = '+15552220031';
    expect(await says('whatsapp', from, 'add LAPTOP001 in grey to my cart')).toMatch(/ProBook/);
    const session = await sessionOf('whatsapp', from);
    await ctx.storage.channels.linkIdentity('phone', from, 'customer040');
    expect(await says('whatsapp', from, "what's in my cart?")).toContain('Northwind ProBook 14 Work Laptop');
    expect(await sessionOf('whatsapp', from)).toBe(session);
    expect(await ctx.storage.conversations.ownerOf(session)).toBe('customer040');
  });

  it("never writes into another account's conversation: a new one starts", async () => {
    const from = '52220041';
    await ctx.storage.channels.linkIdentity('telegram', from, 'customer041');
    expect(await says('telegram', from, 'hello')).not.toBe('');
    const session = await sessionOf('telegram', from);
    await ctx.storage.channels.linkIdentity('telegram', from, 'customer042');
    expect(await says('telegram', from, 'show me hoodies')).not.toBe('');
    const fresh = await sessionOf('telegram', from);
    expect(fresh).not.toBe(session);
    expect(await ctx.storage.conversations.ownerOf(fresh)).toBe('customer042');
    expect(await ctx.storage.conversations.ownerOf(session)).toBe('customer041');
    expect(await statuses('telegram')).toEqual(['processed']);
  });
});
