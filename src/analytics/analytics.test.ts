import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import type { SqliteStorage } from '../storage/sqlite/index.js';
import { caller } from '../testing/api-calls.js';
import { createTestContext } from '../testing/test-context.js';

// A scripted day in the shop (local-only mode, the shop's clock set): one shopper buys and pays, one
// says hello, one asks for a person and waits five minutes. Analytics must say exactly that.
let ctx: AppContext;
let app: FastifyInstance;
let clock = new Date('2026-11-26T17:00:00Z'); // 9:00 in San Francisco
const call = caller(() => app);

async function say(userId: string, message: string, sessionId?: string) {
  const r = await ctx.engine.processSalesConversation({
    userId,
    channel: 'web',
    message,
    ...(sessionId ? { sessionId } : {}),
  });
  clock = new Date(clock.getTime() + 60_000);
  return r;
}

beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => clock });
  app = await buildApp(ctx, { logger: false });
  const a = await say('an-buyer', 'show me laptops');
  await say('an-buyer', 'add LAPTOP001 in silver to my cart', a.session_id);
  await say('an-buyer', 'checkout, ship to 12 Market St, San Francisco, CA 94103', a.session_id);
  await say('an-buyer', 'an@example.com', a.session_id);
  const placed = await say('an-buyer', 'yes', a.session_id);
  const order = placed.data.order!;
  await ctx.orders.change(order.order_id, { to: 'paid' }, 'test');
  await say('an-hello', 'hi there');
  const c = await say('an-waits', 'I want to talk to a person');
  clock = new Date(clock.getTime() + 4 * 60_000); // five minutes after asking, with the turn's minute
  await ctx.agents.handoff.claim(c.session_id, 'admin:sam');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('GET /api/admin/analytics', () => {
  it('counts the day from what is stored: conversations, funnel, intents, handoffs, latency', async () => {
    const res = await call('GET', '/api/admin/analytics?from=2026-11-20&to=2026-11-26', {});
    expect(res.statusCode).toBe(200);
    const a = res.json().analytics;
    expect(a.days).toHaveLength(7);
    expect(a.time_zone).toBe(ctx.config.shop.time_zone);
    const day = a.conversations.by_day.find((d: { day: string }) => d.day === '2026-11-26');
    expect(day).toMatchObject({ total: 3, web: 3, whatsapp: 0 });
    expect(a.conversations.total).toBe(3);
    expect(a.funnel).toEqual({ conversations: 3, product_shown: 1, added_to_cart: 1, ordered: 1, paid: 1 });
    expect(a.handoffs).toMatchObject({ total: 1, answered: 1, avg_wait_minutes: 5 });

    // Against the database itself.
    const db = (ctx.storage as SqliteStorage).db;
    const turns = db
      .prepare(
        "SELECT json_extract(metadata, '$.intent') AS intent, count(*) AS n FROM conversation_messages WHERE role = 'assistant' AND json_extract(metadata, '$.intent') IS NOT NULL GROUP BY 1",
      )
      .all() as { intent: string; n: number }[];
    expect(
      Object.fromEntries(a.intents.map((i: { intent: string; turns: number }) => [i.intent, i.turns])),
    ).toEqual(Object.fromEntries(turns.map((t) => [t.intent, t.n])));
    expect(a.latency.turns_timed).toBe(turns.reduce((n, t) => n + t.n, 0));
    expect(a.latency.p50_ms).toBeGreaterThanOrEqual(0);
    expect(a.model.calls).toBe(0);
    // Orders of those days (the sample shop's history too): Nov 20, 00:00 to Nov 27, 00:00 Pacific.
    const orders = db
      .prepare(
        "SELECT count(*) AS placed, sum(status IN ('paid', 'fulfilled', 'delivered')) AS paid, sum(CASE WHEN status IN ('paid', 'fulfilled', 'delivered') THEN total ELSE 0 END) AS revenue FROM orders WHERE created_at >= '2026-11-20T08:00:00.000Z' AND created_at < '2026-11-27T08:00:00.000Z'",
      )
      .get() as { placed: number; paid: number; revenue: number };
    expect(a.orders).toEqual({
      placed: orders.placed,
      paid: orders.paid,
      revenue: Math.round(orders.revenue * 100) / 100,
    });
    expect(a.orders.placed).toBeGreaterThan(1);
  });

  it('defaults to the last seven days, refuses a backwards or huge range, and is for staff', async () => {
    const week = (await call('GET', '/api/admin/analytics', {})).json().analytics;
    expect(week.days).toHaveLength(7);
    expect(week.to).toBe('2026-11-26');
    expect((await call('GET', '/api/admin/analytics?from=2026-11-27&to=2026-11-26', {})).statusCode).toBe(
      400,
    );
    expect((await call('GET', '/api/admin/analytics?from=2024-01-01&to=2026-11-26', {})).statusCode).toBe(
      400,
    );
    expect((await call('GET', '/api/admin/analytics?from=26-11-2026', {})).statusCode).toBe(400);
    expect((await call('GET', '/api/admin/analytics?from=2026-02-30&to=2026-03-05', {})).statusCode).toBe(
      400,
    );
  });
});
