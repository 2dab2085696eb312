import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { createTestApp } from '../testing/test-app.js';

let ctx: AppContext;
let app: FastifyInstance;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ ctx, app, close } = await createTestApp());
});
afterAll(() => close());

const chat = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/chat', payload: payload as object });

describe('HTTP API', () => {
  it('answers POST /api/chat in the documented shape', async () => {
    const res = await chat({ user_id: 'user123', channel: 'web', message: 'I need a new laptop' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      [
        'cart_items_count',
        'confidence',
        'conversation_complete',
        'current_intent',
        'data',
        'degraded',
        'has_errors',
        'last_agent',
        'response',
        'session_id',
        'timestamp',
        'usage',
        'user_id',
        'workflow_step',
      ].sort(),
    );
    expect(body).toMatchObject({
      user_id: 'user123',
      degraded: false,
      usage: { understood_by: 'offline', phrased_by: 'template', calls: 0, prompt_tokens: 0, cost_usd: 0 },
      last_agent: 'recommendation_agent',
      workflow_step: 'response_aggregated',
    });
    expect(body.data.products.length).toBeGreaterThan(0);
    const next = await chat({
      user_id: 'user123',
      message: 'add the first one',
      session_id: body.session_id,
    });
    expect(next.json().current_intent).toBe('add_to_cart');
  });

  it.each([
    ['missing user', { channel: 'web', message: 'hi' }, 'body.user_id'],
    ['empty message', { user_id: 'u', message: '' }, 'body.message'],
    ['overlong message', { user_id: 'u', message: 'x'.repeat(2001) }, 'body.message'],
    ['numeric message', { user_id: 'u', message: 42 }, 'body.message'],
    ['unknown channel', { user_id: 'u', message: 'hi', channel: 'fax' }, 'body.channel'],
    ['path-like session', { user_id: 'u', message: 'hi', session_id: '../../etc' }, 'body.session_id'],
    ['unknown field', { user_id: 'u', message: 'hi', admin: true }, 'body.admin'],
    ['operator injection', { user_id: { $gt: '' }, message: 'hi' }, 'body.user_id'],
  ])('rejects a %s with a 400 naming the field', async (_case, payload, field) => {
    const res = await chat(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'VALIDATION_FAILED', field });
    expect(res.json().message).toContain(field);
  });

  it('treats SQL and operator fragments in messages as plain text', async () => {
    for (const message of ["' OR 1=1; DROP TABLE products; --", '{"$gt": ""}', 'laptop" OR category:*']) {
      const res = await chat({ user_id: 'user123', message });
      expect(res.statusCode).toBe(200);
    }
    expect(await ctx.storage.products.count()).toBeGreaterThanOrEqual(500);
  });

  it('rejects malformed JSON and oversized bodies without a stack trace', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/chat',
      headers: { 'content-type': 'application/json' },
      payload: '{"user_id":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at .*\.js/);
    const big = await chat({ user_id: 'u', message: 'x'.repeat(70_000) });
    expect(big.statusCode).toBe(413);
  });

  it("answers another user's conversation exactly like one that does not exist", async () => {
    const first = await chat({ user_id: 'user123', message: 'hi' });
    const id = first.json().session_id as string;
    const theirs = await chat({ user_id: 'customer001', message: 'hi', session_id: id });
    const none = await chat({ user_id: 'customer001', message: 'hi', session_id: 'made-up-id' });
    expect([theirs.statusCode, none.statusCode]).toEqual([404, 404]);
    expect(theirs.json()).toEqual({ ...none.json(), message: none.json().message.replace('made-up-id', id) });
  });

  it('reports health in the seed shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'healthy',
      database: 'connected',
      mistral_client: 'not_configured',
      understanding: 'offline',
    });
  });

  it('hides internal errors behind a 500 with a plain message', async () => {
    const customers = ctx.storage.customers.ensure;
    ctx.storage.customers.ensure = async () => {
      throw new Error('SQLITE_CORRUPT: secret path /var/db');
    };
    try {
      const res = await chat({ user_id: 'user123', message: 'hi' });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('SQLITE');
    } finally {
      ctx.storage.customers.ensure = customers;
    }
  });
});
