import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { caller, signedIn } from '../testing/api-calls.js';
import { startFakePlatforms } from '../testing/fake-platforms.js';
import { readSse, type StreamedEvent } from '../testing/sse.js';
import { createTestContext } from '../testing/test-context.js';

const SECRET = 'handoff-test-secret-long-enough-for-hs256';
const TG_SECRET = 'telegram_secret-token';
let fake: Awaited<ReturnType<typeof startFakePlatforms>>;
let ctx: AppContext;
let app: FastifyInstance;
/** The shop's handoff webhook (a Slack stand-in): what it was sent. */
let slack: Server;
const announced: { text: string; session_id: string; reason: string }[] = [];

const as = signedIn(SECRET);
const call = caller(() => app);
const ana = as('ana', { role: 'admin' });
const bo = as('bo', { role: 'admin' });

beforeAll(async () => {
  slack = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      announced.push(JSON.parse(body) as (typeof announced)[number]);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
  fake = await startFakePlatforms();
  ctx = await createTestContext({
    JWT_SECRET: SECRET,
    TELEGRAM_BOT_TOKEN: '123:abc',
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_BASE_URL: fake.url,
    HANDOFF_WEBHOOK_URL: `http://127.0.0.1:${(slack.address() as AddressInfo).port}/hook`,
  });
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  await fake.close();
  slack.close();
});
beforeEach(() => {
  fake.calls.length = 0;
});

const chat = (user: string, message: string, session_id?: string) =>
  call('POST', '/api/chat', as(user), { user_id: user, message, ...(session_id ? { session_id } : {}) });

describe('human handoff over the web', () => {
  it('hands the chat to a person on request: the bot goes quiet, the operator claims, answers and releases', async () => {
    const asked = (await chat('h-web', 'can I talk to a real person please')).json();
    expect(asked.response).toMatch(/I've asked a person from the Bayside Goods team to take over this chat/);
    expect(asked.data.handoff).toEqual({ status: 'handoff' });
    const session = asked.session_id as string;

    const queue = (await call('GET', '/api/admin/conversations?status=handoff', ana)).json();
    expect(queue.conversations.map((c: { session_id: string }) => c.session_id)).toContain(session);
    await expect.poll(() => announced.find((a) => a.session_id === session)?.reason).toBe('asked');
    expect(announced.find((a) => a.session_id === session)?.text).toMatch(/asked for a person/);

    // Waiting: every message is kept for the operator and the assistant says nothing.
    const waiting = (await chat('h-web', 'hello?? anyone there', session)).json();
    expect(waiting.response).toBe('');
    expect(waiting.data.handoff).toEqual({ status: 'handoff' });

    // Customers are not operators; one operator claims, the other is refused.
    expect((await call('POST', `/api/admin/conversations/${session}/claim`, as('h-web'))).statusCode).toBe(
      403,
    );
    const claimed = await call('POST', `/api/admin/conversations/${session}/claim`, ana);
    expect(claimed.json().conversation).toMatchObject({ status: 'human', operator: 'admin:ana' });
    const second = await call('POST', `/api/admin/conversations/${session}/claim`, bo);
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(/is with a person \(admin:ana\)/);
    expect(
      (await call('POST', `/api/admin/conversations/${session}/messages`, bo, { text: 'hi' })).statusCode,
    ).toBe(409);

    const sent = await call('POST', `/api/admin/conversations/${session}/messages`, ana, {
      text: 'Hi, this is Ana from Bayside. How can I help?',
    });
    expect(sent.json()).toEqual({ delivery: 'stored' });
    const log = (await call('GET', `/api/conversations/${session}`, as('h-web'))).json();
    const contents = log.messages.map((m: { content: string }) => m.content);
    expect(contents).toContain('hello?? anyone there');
    expect(log.messages.at(-1)).toMatchObject({
      role: 'assistant',
      agent_name: 'operator:admin:ana',
      content: 'Hi, this is Ana from Bayside. How can I help?',
    });
    const quiet = (await chat('h-web', 'my order is late', session)).json();
    expect(quiet.response).toBe('');

    expect((await call('POST', `/api/admin/conversations/${session}/release`, bo)).statusCode).toBe(409);
    const released = await call('POST', `/api/admin/conversations/${session}/release`, ana);
    expect(released.json().conversation).toMatchObject({ status: 'bot', operator: null });
    const back = (await chat('h-web', 'show me hoodies', session)).json();
    expect(back.current_intent).toBe('browse');
    expect(back.data.products.length).toBeGreaterThan(0);
  });

  it('passes a complaint, and two messages in a row it cannot read, to a person', async () => {
    const complaint = (await chat('h-angry', 'this is the worst service ever, I was charged twice!!')).json();
    expect(complaint.current_intent).toBe('complaint');
    expect(complaint.response).toMatch(/^I'm sorry about this\. I've asked a person/);
    const lost = (await chat('h-lost', 'flibber wibble')).json();
    expect(lost.data.handoff).toBeUndefined();
    const twice = (await chat('h-lost', 'zorp blim quank', lost.session_id)).json();
    expect(twice.response).toMatch(/^Sorry, I still don't follow\. I've asked a person/);
    const heads = (await call('GET', '/api/admin/conversations?status=handoff', ana)).json().conversations;
    expect(heads.find((c: { session_id: string }) => c.session_id === twice.session_id)).toMatchObject({
      handoff_reason: 'not_understood',
    });
  });

  it('lets an operator take over from one who is away, and tells the customer when the assistant is back', async () => {
    const session = (await chat('h-away', 'human please')).json().session_id as string;
    await call('POST', `/api/admin/conversations/${session}/claim`, ana);
    // Claiming again is harmless; taking over is explicit.
    expect((await call('POST', `/api/admin/conversations/${session}/claim`, ana)).statusCode).toBe(200);
    const taken = await call('POST', `/api/admin/conversations/${session}/claim`, bo, { take_over: true });
    expect(taken.json().conversation).toMatchObject({ status: 'human', operator: 'admin:bo' });
    expect(
      (await call('POST', `/api/admin/conversations/${session}/messages`, ana, { text: 'hi' })).statusCode,
    ).toBe(409);
    await call('POST', `/api/admin/conversations/${session}/release`, bo);
    const log = (await call('GET', `/api/conversations/${session}`, as('h-away'))).json();
    expect(log.messages.at(-1)).toMatchObject({ role: 'assistant', agent_name: 'handoff' });
    expect(log.messages.at(-1).content).toMatch(/handed this chat back to me, the shop's assistant/);
  });

  it('answers 404 for a conversation that does not exist', async () => {
    expect((await call('POST', '/api/admin/conversations/nope-123/claim', ana)).statusCode).toBe(404);
    expect((await call('GET', '/api/admin/conversations/nope-123', ana)).statusCode).toBe(404);
  });
});

describe('human handoff on Telegram', () => {
  const telegram = (id: number, text: string) =>
    app.inject({
      method: 'POST',
      url: '/api/webhook/telegram',
      headers: { 'x-telegram-bot-api-secret-token': TG_SECRET },
      payload: { update_id: id, message: { message_id: id, chat: { id: 4242 }, text } },
    });
  const sentTexts = () =>
    fake.calls
      .filter((c) => c.path.endsWith('/sendMessage'))
      .map((c) => JSON.parse(c.body) as { chat_id: number | string; text: string });

  it("delivers the operator's reply in the chat, keeps the bot silent meanwhile, and hands back", async () => {
    await telegram(9001, 'I need to speak to a human');
    await ctx.channels.dispatcher.idle();
    expect(sentTexts().at(-1)?.text).toMatch(/I've asked a person/);
    const head = (await call('GET', '/api/admin/conversations?status=handoff', ana))
      .json()
      .conversations.find((c: { channel: string }) => c.channel === 'telegram');
    expect(head).toBeTruthy();

    fake.calls.length = 0;
    await telegram(9002, 'still there?');
    await ctx.channels.dispatcher.idle();
    expect(sentTexts()).toEqual([]);

    await call('POST', `/api/admin/conversations/${head.session_id}/claim`, ana);
    const sent = await call('POST', `/api/admin/conversations/${head.session_id}/messages`, ana, {
      text: 'Hello from Ana - I can see your order.',
    });
    expect(sent.json()).toEqual({ delivery: 'sent' });
    expect(sentTexts()).toEqual([
      expect.objectContaining({ chat_id: '4242', text: 'Hello from Ana - I can see your order.' }),
    ]);

    await call('POST', `/api/admin/conversations/${head.session_id}/release`, ana);
    fake.calls.length = 0;
    await telegram(9003, 'show me jackets');
    await ctx.channels.dispatcher.idle();
    expect(sentTexts().length).toBeGreaterThan(0);
  });
});

describe('live conversation events (Server-Sent Events)', () => {
  let base = '';
  beforeAll(async () => {
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  type Sse = StreamedEvent<{
    type: string;
    session_id: string;
    data: { status?: string; agent_name?: string | null; content?: string };
  }>;

  /** Reads a stream until `until` holds (or 5 s pass), then hangs up. */
  const read = (path: string, headers: Record<string, string>, until: (events: Sse[]) => boolean) =>
    readSse<Sse['data']>(`${base}${path}`, headers, until);

  it("streams the operator's reply to the customer as it is sent, and resumes after the last event seen", async () => {
    const asked = (await chat('h-live', 'let me talk to a human please')).json();
    const session = asked.session_id as string;
    const fromOperator = (events: Sse[]) =>
      events.some((e) => e.data.data.agent_name?.startsWith('operator:'));
    const watching = read(`/api/conversations/${session}/events`, as('h-live'), fromOperator);
    await call('POST', `/api/admin/conversations/${session}/claim`, ana);
    await call('POST', `/api/admin/conversations/${session}/messages`, ana, {
      text: 'Ana here, reading now.',
    });
    const { status, events } = await watching;
    expect(status).toBe(200);
    // The whole conversation in order: the handoff (made during the turn), the request and the reply
    // (saved as the turn ends), the claim, the operator.
    expect(events.map((e) => e.event)).toEqual(['status', 'message', 'message', 'status', 'message']);
    expect(events.filter((e) => e.event === 'status').map((e) => e.data.data.status)).toEqual([
      'handoff',
      'human',
    ]);
    expect(events.at(-1)?.data.data).toMatchObject({ role: 'assistant', content: 'Ana here, reading now.' });

    // A reconnect with Last-Event-ID gets only what came after it.
    const handoff = events.find((e) => e.event === 'status')!;
    const resumed = await read(
      `/api/conversations/${session}/events`,
      { ...as('h-live'), 'last-event-id': String(handoff.id) },
      (got) => got.length >= 3,
    );
    expect(resumed.events.map((e) => e.id)).toEqual(events.filter((e) => e.id > handoff.id).map((e) => e.id));

    // Someone else's conversation streams exactly like one that does not exist.
    expect((await call('GET', `/api/conversations/${session}/events`, as('h-other'))).statusCode).toBe(404);
    await call('POST', `/api/admin/conversations/${session}/release`, ana);
  });

  it('shows operators each new handoff as it happens', async () => {
    const latest = (await ctx.storage.conversations.events({ after: 0, limit: 10_000 })).at(-1)?.id ?? 0;
    const watching = read(
      '/api/admin/conversations/events',
      { ...ana, 'last-event-id': String(latest) },
      (events) => events.some((e) => e.event === 'status' && e.data.data.status === 'handoff'),
    );
    const asked = (await chat('h-queue', 'I want to speak to someone')).json();
    const { events } = await watching;
    expect(events.find((e) => e.event === 'status')?.data.session_id).toBe(asked.session_id);
    expect((await call('GET', '/api/admin/conversations/events', as('h-queue'))).statusCode).toBe(403);

    // A replay from the same point gives exactly what was streamed live.
    const replay = await read(
      '/api/admin/conversations/events',
      { ...ana, 'last-event-id': String(latest) },
      (got) => got.length >= events.length,
    );
    expect(replay.events.slice(0, events.length).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('lets the server shut down while streams are open', async () => {
    const session = (await chat('h-bye', 'hello')).json().session_id as string;
    const open = read(`/api/conversations/${session}/events`, as('h-bye'), () => false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const closing = app.close();
    // The stream ends as the server starts closing, rather than holding the close until its reader leaves.
    await open;
    expect(Date.now() - started).toBeLessThan(2_000);
    await closing;
  });
});
