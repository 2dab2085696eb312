import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { caller, signedIn } from '../testing/api-calls.js';
import { createTestContext } from '../testing/test-context.js';
import { startMetricsServer } from './internal-server.js';

const SECRET = 'metrics-test-secret-long-enough-for-hs256';
const KEY = 'sk_metrics_0123456789abcdefghijkl';
const ADMIN_KEY = 'sk_admin_0123456789abcdefghijklmn';
let ctx: AppContext;
let app: FastifyInstance;
const as = signedIn(SECRET);
const call = caller(() => app);

beforeAll(async () => {
  ctx = await createTestContext({ JWT_SECRET: SECRET, API_KEYS: KEY, ADMIN_API_KEYS: ADMIN_KEY });
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

/** The value of one series in Prometheus's text format; undefined when absent. */
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/metrics', () => {
  it('counts turns by intent, agent and channel, requests by route, and conversations with people', async () => {
    const scrape = async () => (await call('GET', '/metrics', { 'x-api-key': KEY })).body;
    const before = await scrape();
    const shopper = as('m-ana');
    const r = (
      await call('POST', '/api/chat', shopper, { user_id: 'm-ana', message: 'show me hoodies' })
    ).json();
    // Counted under what the turn was understood as, and the agent that answered it.
    const turns = `sales_agent_turns_total{intent="${r.current_intent}",agent="${r.last_agent}",channel="web"}`;
    const seen = value(before, turns) ?? 0;
    await call('POST', '/api/chat', as('m-bo'), { user_id: 'm-bo', message: 'I want to talk to a person' });

    const after = await scrape();
    expect(value(after, turns)).toBe(seen + 1);
    expect(
      value(
        after,
        'sales_agent_http_request_duration_seconds_count{method="POST",route="/api/chat",status="200"}',
      ),
    ).toBeGreaterThanOrEqual(2);
    expect(value(after, 'sales_agent_turn_duration_seconds_count{channel="web"}')).toBeGreaterThanOrEqual(2);
    expect(value(after, 'sales_agent_conversations_with_people{status="handoff"}')).toBe(1);
    expect(value(after, 'sales_agent_model_calls_total')).toBe(0);
    const paid = await ctx.storage.orders.list({ status: 'paid', limit: 1000 });
    expect(value(after, 'sales_agent_orders{status="paid"}')).toBe(paid.length);
    expect(value(after, 'sales_agent_order_value{status="paid"}')).toBeCloseTo(
      paid.reduce((a, o) => a + o.total, 0),
      2,
    );
  });

  it('is for staff and scrapers only', async () => {
    expect((await call('GET', '/metrics', {})).statusCode).toBe(401);
    expect((await call('GET', '/metrics', as('m-cy'))).statusCode).toBe(403);
    const staff = await call('GET', '/metrics', as('boss', { role: 'admin' }));
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['content-type']).toMatch(/^text\/plain/);
    // A server key scrapes but is not staff; an admin key is.
    expect((await call('GET', '/api/admin/conversations', { 'x-api-key': KEY })).statusCode).toBe(403);
    expect((await call('GET', '/api/admin/conversations', { 'x-api-key': ADMIN_KEY })).statusCode).toBe(200);
  });

  it('can also serve /metrics on a loopback port of its own, without credentials (METRICS_PORT)', async () => {
    const internal = await startMetricsServer(ctx.metrics, 0);
    try {
      const { port } = internal.server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('sales_agent_turns_total');
      expect((internal.server.address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await internal.close();
    }
  });
});
