import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import type { ConversationMessage } from '../domain/types.js';
import { buildApp } from '../app/http.js';
import { createSqliteConversationStore } from '../storage/sqlite/conversations.js';
import type { SqliteStorage } from '../storage/sqlite/index.js';
import { signedIn } from '../testing/api-calls.js';
import { readSse } from '../testing/sse.js';
import { createTestContext } from '../testing/test-context.js';
import { createInProcessEventBus } from '../events/in-process-event-bus.js';
import { createEventStreams, DEFAULT_STREAM_SETTINGS, type StreamSettings } from './event-stream.js';

const SECRET = 'event-stream-test-secret-long-enough-for-hs256';
const as = signedIn(SECRET);
/** Long enough that nothing in these tests can arrive through the periodic re-check. */
const HOUR = 3_600_000;

let ctx: AppContext;
const apps: FastifyInstance[] = [];
/** Store reads of each conversation's events, by every app below. */
const reads = new Map<string, number>();

beforeAll(async () => {
  ctx = await createTestContext({ JWT_SECRET: SECRET });
});
afterAll(async () => {
  // fetch (undici) keeps the socket of a stream it hung up on for a few seconds; no need to wait for it.
  await Promise.all(
    apps.map((app) => {
      const closing = app.close();
      app.server.closeAllConnections();
      return closing;
    }),
  );
  await ctx.close();
});

/** A listening app over the shared context with these stream settings; its base URL. */
async function serve(streams: Partial<StreamSettings> = {}): Promise<string> {
  const conversations = ctx.storage.conversations;
  const app = await buildApp(
    {
      ...ctx,
      storage: {
        ...ctx.storage,
        conversations: {
          ...conversations,
          events(query) {
            const key = query.session_id ?? '*';
            reads.set(key, (reads.get(key) ?? 0) + 1);
            return conversations.events(query);
          },
        },
      },
    },
    { logger: false, streams: { ...DEFAULT_STREAM_SETTINGS, recheckMs: HOUR, ...streams } },
  );
  apps.push(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
}

const message = (content: string, role: ConversationMessage['role'] = 'user'): ConversationMessage => ({
  role,
  content,
  timestamp: ctx.now().toISOString(),
  agent_name: null,
  metadata: {},
});

/** A conversation of `user` with one message in it. */
async function conversationOf(user: string, session = `es-${user}`): Promise<string> {
  await ctx.storage.conversations.append(session, user, 'web', [message('hello')]);
  return session;
}

/** Opens a stream and keeps it open until `close`; a refusal's body is read. */
async function hold(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const body = response.ok ? null : ((await response.json()) as { error: string; message: string });
  return {
    status: response.status,
    body,
    retryAfter: response.headers.get('retry-after'),
    close: () => abort.abort(),
  };
}
type Held = Awaited<ReturnType<typeof hold>>;

/** Opens a stream once the server has freed a slot (it notices a hang-up shortly after it happens). */
async function holdOnceFree(url: string, headers: Record<string, string>): Promise<Held> {
  let held: Held | undefined;
  await expect
    .poll(
      async () => {
        held = await hold(url, headers);
        return held.status;
      },
      { timeout: 5_000, interval: 100 },
    )
    .toBe(200);
  return held!;
}

describe('open streams are capped', () => {
  const tabs: Held[] = [];
  afterAll(() => tabs.forEach((t) => t.close()));

  it("keeps five of a customer's tabs live; the sixth gets 429 naming the limit, until one closes", async () => {
    const base = await serve();
    const first = await conversationOf('es-tabs');
    const second = await conversationOf('es-tabs', 'es-tabs-2');
    const url = (session: string) => `${base}/api/conversations/${session}/events`;
    // Counted over all of the customer's conversations.
    for (const session of [first, first, first, second, second])
      tabs.push(await hold(url(session), as('es-tabs')));
    expect(tabs.map((t) => t.status)).toEqual([200, 200, 200, 200, 200]);

    const sixth = await hold(url(second), as('es-tabs'));
    expect(sixth.status).toBe(429);
    expect(sixth.body).toEqual({
      statusCode: 429,
      error: 'RATE_LIMITED',
      message:
        'Too many live streams for this customer: at most 5 open at once. Close one (another tab or window) and try again.',
    });
    expect(sixth.retryAfter).toBe('30');
    // Someone else is not held back by it.
    const other = await hold(url(await conversationOf('es-someone')), as('es-someone'));
    expect(other.status).toBe(200);
    tabs.push(other);

    tabs.shift()!.close();
    tabs.push(await holdOnceFree(url(first), as('es-tabs')));
    expect((await hold(url(first), as('es-tabs'))).status).toBe(429);
  });

  it('caps the streams of customers from one address, not those of staff acting for them', async () => {
    const base = await serve({ perUser: 2, perAddress: 3 });
    const url = (session: string) => `${base}/api/conversations/${session}/events`;
    const [a, b, c] = await Promise.all(['es-a', 'es-b', 'es-c'].map((u) => conversationOf(u)));
    tabs.push(await hold(url(a!), as('es-a')), await hold(url(a!), as('es-a')));
    const fromB = await hold(url(b!), as('es-b'));
    expect([...tabs.slice(-2), fromB].map((t) => t.status)).toEqual([200, 200, 200]);

    const refused = await hold(url(c!), as('es-c'));
    expect(refused.status).toBe(429);
    expect(refused.body?.message).toMatch(
      /^Too many live streams from this address: at most 3 open at once\./,
    );
    // An operator looking at the conversation counts for its customer, not for the address.
    const staff = await hold(url(c!), as('ana', { role: 'admin' }));
    expect(staff.status).toBe(200);
    tabs.push(staff);

    fromB.close();
    tabs.push(await holdOnceFree(url(c!), as('es-c')));
  });

  it("caps an operator's queue streams", async () => {
    const base = await serve({ perOperator: 2 });
    const url = `${base}/api/admin/conversations/events`;
    const bo = as('bo', { role: 'admin' });
    tabs.push(await hold(url, bo), await hold(url, bo));
    expect(tabs.slice(-2).map((t) => t.status)).toEqual([200, 200]);
    const third = await hold(url, bo);
    expect(third.status).toBe(429);
    expect(third.body?.message).toMatch(/^Too many live streams for this operator: at most 2 open at once\./);
    expect((await hold(url, as('cy', { role: 'admin' }))).status).toBe(200);
  });

  it('frees the slot of a stream the server ends as it closes, and ends the stream', async () => {
    const streams = createEventStreams(createInProcessEventBus(), HOUR);
    let released = 0;
    const app = Fastify();
    apps.push(app);
    app.get('/stream', (request, reply) =>
      streams.serve(request, reply, { from: 0, read: async () => [], release: () => void released++ }),
    );
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const ended = readSse(`${base}/stream`, {}, () => false, 20_000);
    await expect.poll(() => released === 0 && streams.open()).toBe(1);
    streams.closeAll();
    await expect.poll(() => released).toBe(1);
    expect(streams.open()).toBe(0);
    expect((await ended).status).toBe(200);
  });
});

describe('events reach streams through the event bus', () => {
  type Event = { type: string; data: { content?: string } };

  it('delivers a new message at once without reading the store while nothing happens', async () => {
    const base = await serve();
    const session = await conversationOf('es-push');
    const before = reads.get(session) ?? 0;
    const got = readSse<Event>(
      `${base}/api/conversations/${session}/events`,
      as('es-push'),
      (events) => events.some((e) => e.data.data.content === 'pushed'),
      20_000,
    );
    await expect.poll(() => reads.get(session)).toBe(before + 1);
    // Idle: polling the store 4 times a second would read it several times here.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(reads.get(session)).toBe(before + 1);

    await ctx.storage.conversations.append(session, 'es-push', 'web', [message('pushed', 'assistant')]);
    const { events } = await got;
    // With the re-check an hour away, only the notice can have brought it.
    expect(events.map((e) => e.data.data.content)).toEqual(['hello', 'pushed']);
  });

  it('resumes after Last-Event-ID and then follows live', async () => {
    const base = await serve();
    const session = await conversationOf('es-resume');
    await ctx.storage.conversations.append(session, 'es-resume', 'web', [message('two'), message('three')]);
    const stored = await ctx.storage.conversations.events({ session_id: session, after: 0 });
    const got = readSse<Event>(
      `${base}/api/conversations/${session}/events`,
      { ...as('es-resume'), 'last-event-id': String(stored[0]!.id) },
      (events) => events.length >= 3,
      20_000,
    );
    await expect.poll(() => reads.get(session)).toBeGreaterThan(0);
    await ctx.storage.conversations.append(session, 'es-resume', 'web', [message('four')]);
    const { events } = await got;
    expect(events.map((e) => e.data.data.content)).toEqual(['two', 'three', 'four']);
    expect(events.slice(0, 2).map((e) => e.id)).toEqual(stored.slice(1).map((e) => e.id));
  });

  it('still delivers, on the periodic re-check, what another process wrote without a notice', async () => {
    const base = await serve({ recheckMs: 200 });
    const session = await conversationOf('es-elsewhere');
    const got = readSse<Event>(
      `${base}/api/conversations/${session}/events`,
      as('es-elsewhere'),
      (events) => events.some((e) => e.data.data.content === 'from elsewhere'),
      20_000,
    );
    await expect.poll(() => reads.get(session)).toBeGreaterThan(0);
    // Straight into the database, as another instance would: this process's bus hears nothing.
    const elsewhere = createSqliteConversationStore((ctx.storage as SqliteStorage).db, ctx.now);
    await elsewhere.append(session, 'es-elsewhere', 'web', [message('from elsewhere')]);
    const { events } = await got;
    expect(events.map((e) => e.data.data.content)).toEqual(['hello', 'from elsewhere']);
  });
});
