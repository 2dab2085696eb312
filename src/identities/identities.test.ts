import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { startFakePlatforms } from '../testing/fake-platforms.js';
import { createTestContext } from '../testing/test-context.js';
import { signedIn } from '../testing/api-calls.js';

const SECRET = 'identity-test-secret-long-enough-for-hs256';
const TG_SECRET = 'telegram_secret-token';
const SHOP_NUMBER = '+15550009999';

let fake: Awaited<ReturnType<typeof startFakePlatforms>>;
let ctx: AppContext;
let app: FastifyInstance;
let clock = new Date('2026-11-30T12:00:00Z');

const as = signedIn(SECRET, () => clock);
const post = (url: string, payload: object, headers: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload, headers });

/** The code in the last message the fake platforms received for `to`. */
function lastCodeTo(to: string): string {
  for (const call of [...fake.calls].reverse()) {
    const text = call.path.endsWith('/sendMessage')
      ? (JSON.parse(call.body) as { chat_id: string; text: string })
      : call.path.endsWith('/Messages.json')
        ? {
            chat_id: new URLSearchParams(call.body).get('To'),
            text: new URLSearchParams(call.body).get('Body'),
          }
        : null;
    if (text && String(text.chat_id) === to) return /\b(\d{6})\b/.exec(text.text ?? '')![1]!;
  }
  throw new Error(`no code was sent to ${to}`);
}

beforeAll(async () => {
  fake = await startFakePlatforms();
  ctx = await createTestContext(
    {
      JWT_SECRET: SECRET,
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      TELEGRAM_API_BASE_URL: fake.url,
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_AUTH_TOKEN: 'twilio-auth-token',
      TWILIO_WEBHOOK_URL: 'https://shop.example/api/webhook/sms',
      TWILIO_API_BASE_URL: fake.url,
      TWILIO_FROM_NUMBER: SHOP_NUMBER,
    },
    { now: () => clock },
  );
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  await fake.close();
});
beforeEach(() => {
  fake.calls.length = 0;
  clock = new Date(clock.getTime() + 2 * 3_600_000);
});

describe('linking a channel identity with a code', () => {
  it('sends a code to the Telegram chat; the right code from the customer links it and the bot sees their cart', async () => {
    const me = as('customer007');
    await post(
      '/api/cart/operation',
      { action: 'add', user_id: 'customer007', product_id: 'LAPTOP001', color: 'grey' },
      me,
    );
    const started = await post(
      '/api/identities',
      { user_id: 'customer007', kind: 'telegram', value: '777' },
      me,
    );
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'code_sent', channel: 'telegram' });
    const code = lastCodeTo('777');
    // Not linked until confirmed.
    expect(await ctx.storage.channels.findIdentity('telegram', '777')).toBeNull();
    const wrong = code === '000000' ? '111111' : '000000';
    const miss = await post(
      '/api/identities/confirm',
      { user_id: 'customer007', kind: 'telegram', value: '777', code: wrong },
      me,
    );
    expect(miss.statusCode).toBe(400);
    expect(miss.json()).toMatchObject({
      error: 'CODE_INVALID',
      message: expect.stringContaining('4 tries left'),
    });
    const ok = await post(
      '/api/identities/confirm',
      { user_id: 'customer007', kind: 'telegram', value: '777', code },
      me,
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('linked');
    expect((await ctx.storage.audit.list({ user_id: 'customer007', limit: 1 }))[0]).toMatchObject({
      action: 'identity.link',
      actor: 'customer:customer007',
    });
    // The same code again does nothing more.
    const replay = await post(
      '/api/identities/confirm',
      { user_id: 'customer007', kind: 'telegram', value: '777', code },
      me,
    );
    expect(replay.json().error).toBe('CODE_EXPIRED');

    await app.inject({
      method: 'POST',
      url: '/api/webhook/telegram',
      headers: { 'x-telegram-bot-api-secret-token': TG_SECRET },
      payload: { update_id: 77, message: { message_id: 1, chat: { id: 777 }, text: "what's in my cart?" } },
    });
    await ctx.channels.dispatcher.idle();
    const reply = fake.calls.filter((c) => c.path.endsWith('/sendMessage')).at(-1)!;
    expect(JSON.parse(reply.body).text).toContain('Northwind ProBook 14 Work Laptop');
    // Asking again for a linked identity sends nothing.
    fake.calls.length = 0;
    const again = await post(
      '/api/identities',
      { user_id: 'customer007', kind: 'telegram', value: '777' },
      me,
    );
    expect([again.statusCode, again.json().status, fake.calls.length]).toEqual([200, 'linked', 0]);
  });

  it("texts a phone's code from the shop's number, and it expires after 10 minutes", async () => {
    const me = as('customer010');
    await post('/api/identities', { user_id: 'customer010', kind: 'phone', value: '+15551110010' }, me);
    const sms = new URLSearchParams(fake.calls.find((c) => c.path.endsWith('/Messages.json'))!.body);
    expect([sms.get('From'), sms.get('To')]).toEqual([SHOP_NUMBER, '+15551110010']);
    expect(sms.get('Body')).toMatch(/expires in 10 minutes/);
    const code = lastCodeTo('+15551110010');
    clock = new Date(clock.getTime() + 11 * 60_000);
    const late = await post(
      '/api/identities/confirm',
      { user_id: 'customer010', kind: 'phone', value: '+15551110010', code },
      me,
    );
    expect([late.statusCode, late.json().error]).toEqual([400, 'CODE_EXPIRED']);
    expect(await ctx.storage.channels.findIdentity('phone', '+15551110010')).toBeNull();
  });

  it('allows 5 tries at a code, then not even the right one works', async () => {
    const me = as('customer011');
    await post('/api/identities', { user_id: 'customer011', kind: 'phone', value: '+15551110011' }, me);
    const code = lastCodeTo('+15551110011');
    const wrong = code === '123456' ? '654321' : '123456';
    const body = { user_id: 'customer011', kind: 'phone', value: '+15551110011' };
    for (let n = 0; n < 5; n++) await post('/api/identities/confirm', { ...body, code: wrong }, me);
    const right = await post('/api/identities/confirm', { ...body, code }, me);
    expect(right.json().error).toBe('CODE_EXPIRED');
    expect(await ctx.storage.channels.findIdentity('phone', '+15551110011')).toBeNull();
  });

  it('sends at most 3 codes an hour to one number, and for one customer', async () => {
    const send = (user: string, value: string) =>
      post('/api/identities', { user_id: user, kind: 'phone', value }, as(user));
    const toNumber = [];
    for (const user of ['customer012', 'customer013', 'customer014', 'customer015'])
      toNumber.push(await send(user, '+15551110012'));
    expect(toNumber.map((r) => r.statusCode)).toEqual([202, 202, 202, 429]);
    expect(toNumber[3]?.json().message).toBe(
      'At most 3 codes an hour go to one number or chat. Try again in 60 minutes.',
    );
    clock = new Date(clock.getTime() + 15 * 60_000);
    const forCustomer = [];
    for (const value of ['+15551110020', '+15551110021', '+15551110022', '+15551110023'])
      forCustomer.push(await send('customer016', value));
    expect(forCustomer.map((r) => r.statusCode)).toEqual([202, 202, 202, 429]);
    expect(forCustomer[3]?.json().message).toBe(
      'At most 3 codes an hour are sent for one customer. Try again in 60 minutes.',
    );
    expect(forCustomer[3]?.headers['retry-after']).toBe('3600');
    expect(fake.calls.filter((c) => c.path.endsWith('/Messages.json'))).toHaveLength(6);
    clock = new Date(clock.getTime() + 61 * 60_000);
    expect((await send('customer016', '+15551110024')).statusCode).toBe(202);
  });

  it("never moves another customer's number; the guest a channel made for it does move; admins can, audited", async () => {
    await ctx.storage.channels.linkIdentity('phone', '+15551110030', 'customer020');
    const me = as('customer021');
    const body = { user_id: 'customer021', kind: 'phone', value: '+15551110030' };
    // Sent all the same: whether a number is someone's account is not told to whoever asks.
    expect((await post('/api/identities', body, me)).statusCode).toBe(202);
    const taken = await post('/api/identities/confirm', { ...body, code: lastCodeTo('+15551110030') }, me);
    expect([taken.statusCode, taken.json().error]).toEqual([409, 'IDENTITY_TAKEN']);
    expect(await ctx.storage.channels.findIdentity('phone', '+15551110030')).toBe('customer020');

    // A number that wrote on WhatsApp before belongs to the guest made for it: proving it moves it.
    await ctx.storage.channels.linkIdentity('phone', '+15551110031', 'phone:+15551110031');
    const guestBody = { user_id: 'customer021', kind: 'phone', value: '+15551110031' };
    await post('/api/identities', guestBody, me);
    const moved = await post(
      '/api/identities/confirm',
      { ...guestBody, code: lastCodeTo('+15551110031') },
      me,
    );
    expect(moved.statusCode).toBe(200);
    expect(await ctx.storage.channels.findIdentity('phone', '+15551110031')).toBe('customer021');

    expect((await post('/api/admin/identities', body, me)).statusCode).toBe(403);
    const admin = await post('/api/admin/identities', body, as('staff1', { role: 'admin' }));
    expect(admin.json()).toMatchObject({ status: 'linked', previous_user_id: 'customer020' });
    expect(await ctx.storage.channels.findIdentity('phone', '+15551110030')).toBe('customer021');
    expect((await ctx.storage.audit.list({ user_id: 'customer021', limit: 1 }))[0]).toMatchObject({
      action: 'identity.link',
      actor: 'admin:staff1',
      details: { previous: 'customer020' },
    });
  });

  it('refuses to link for someone else, and malformed identities and codes with 400', async () => {
    const me = as('customer022');
    expect(
      (await post('/api/identities', { user_id: 'customer023', kind: 'telegram', value: '1' }, me))
        .statusCode,
    ).toBe(403);
    expect(
      (await post('/api/identities', { user_id: 'customer022', kind: 'phone', value: '555' }, me)).statusCode,
    ).toBe(400);
    const badCode = await post(
      '/api/identities/confirm',
      { user_id: 'customer022', kind: 'telegram', value: '1', code: '12ab' },
      me,
    );
    expect([badCode.statusCode, badCode.json().field]).toEqual([400, 'body.code']);
    expect(fake.calls).toHaveLength(0);
  });
});
