import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { createTestApp } from '../testing/test-app.js';
import { parseSse } from '../testing/sse.js';

let ctx: AppContext;
let app: FastifyInstance;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ ctx, app, close } = await createTestApp());
});
afterAll(() => close());

const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });
const get = (url: string) => app.inject({ method: 'GET', url });

describe('cart operations', () => {
  it('adds with a variant, updates, removes, views, clears', async () => {
    const cart = (body: object) => post('/api/cart/operation', { user_id: 'api-cart', ...body });
    const needs = await cart({ action: 'add', product_id: 'LAPTOP001' });
    expect(needs.json()).toMatchObject({
      action: 'add',
      status: 'needs_variant',
      colors: ['silver', 'grey'],
    });
    const added = await cart({ action: 'add', product_id: 'LAPTOP001', color: 'grey', quantity: 2 });
    expect(added.json()).toMatchObject({ status: 'added', cart: { item_count: 2, subtotal: 2599.98 } });
    expect((await cart({ action: 'update', product_id: 'LAPTOP001', quantity: 1 })).json()).toMatchObject({
      status: 'updated',
      cart: { item_count: 1 },
    });
    expect((await cart({ action: 'view' })).json().cart.items[0]).toMatchObject({ sku: 'LAPTOP001-GREY' });
    expect((await cart({ action: 'remove', sku: 'LAPTOP001-GREY' })).json()).toMatchObject({
      status: 'removed',
    });
    expect((await cart({ action: 'clear' })).json()).toMatchObject({
      status: 'cleared',
      cart: { items: [] },
    });
  });

  it('checks out with points and stores the order', async () => {
    const user = 'customer004';
    await post('/api/cart/operation', {
      user_id: user,
      action: 'add',
      product_id: 'LAPTOP001',
      color: 'silver',
    });
    const res = await post('/api/cart/operation', { user_id: user, action: 'checkout', redeem_points: 100 });
    expect(res.statusCode).toBe(200);
    const { order } = res.json();
    expect(order).toMatchObject({ status: 'pending_payment', points_redeemed: 100, points_discount: 10 });
    expect(await ctx.storage.orders.get(order.order_id)).not.toBeNull();
  });

  it.each([
    [{ action: 'add', user_id: 'u' }, 'body.product_id'],
    [{ action: 'add', user_id: 'u', product_id: 'P', quantity: 0 }, 'body.quantity'],
    [{ action: 'fly', user_id: 'u' }, 'body.action'],
    [{ action: 'view', user_id: 'u', product_id: 'P' }, 'body.product_id'],
    [{ action: 'checkout', user_id: 'u', redeem_points: -5 }, 'body.redeem_points'],
  ])('rejects %j naming %s', async (payload, field) => {
    const res = await post('/api/cart/operation', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
  });
});

describe('catalogue, inventory and loyalty', () => {
  it('recommends with filters, including the seed\'s "electronics"', async () => {
    const res = await post('/api/recommendations', { user_id: 'user123', category: 'electronics', limit: 5 });
    expect(res.statusCode).toBe(200);
    const { products } = res.json();
    expect(products).toHaveLength(5);
    for (const p of products) expect(['laptops', 'phones', 'tablets', 'headphones']).toContain(p.category);
    const cheap = (
      await post('/api/recommendations', { user_id: 'user123', category: 'shoes', max_price: 60 })
    ).json();
    for (const p of cheap.products) expect(p.price).toBeLessThanOrEqual(60);
  });

  it('checks inventory near a location and 404s an unknown product', async () => {
    const res = await post('/api/inventory/check', {
      product_id: 'LAPTOP001',
      user_id: 'user123',
      quantity: 1,
      location: { lat: 37.7749, lng: -122.4194 },
    });
    expect(res.json()).toMatchObject({ product_id: 'LAPTOP001', located: true });
    expect(res.json().nearby_stores[0].distance_km).toBeLessThan(50);
    const missing = await post('/api/inventory/check', { product_id: 'NOPE' });
    expect(missing.statusCode).toBe(404);
    expect(
      (await post('/api/inventory/check', { product_id: 'X', location: { lat: 200, lng: 0 } })).statusCode,
    ).toBe(400);
  });

  it('answers loyalty status, calculate and redeem', async () => {
    const status = (await post('/api/loyalty/status', { user_id: 'user123', action: 'status' })).json();
    expect(status).toMatchObject({ tier: expect.any(String), points: expect.any(Number) });
    const calc = (
      await post('/api/loyalty/status', { user_id: 'user123', action: 'calculate', order_total: 1299.99 })
    ).json();
    expect(calc).toMatchObject({ order_total: 1299.99, tier: status.tier });
    const redeem = (
      await post('/api/loyalty/status', {
        user_id: 'user123',
        action: 'redeem',
        order_total: 100,
        points: 100,
      })
    ).json();
    expect(redeem).toMatchObject({ ok: true, points: 100, value: 10 });
    const bad = await post('/api/loyalty/status', { user_id: 'user123', action: 'calculate' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.order_total');
  });

  it('gets a product and searches products', async () => {
    expect((await get('/api/products/LAPTOP001')).json()).toMatchObject({
      product_id: 'LAPTOP001',
      variants: expect.any(Array),
    });
    expect((await get('/api/products/NOPE')).statusCode).toBe(404);
    const found = (await get('/api/products?q=hoodie&size=M&max_price=80&limit=5')).json();
    expect(found.count).toBeGreaterThan(0);
    for (const p of found.products) expect(p.price).toBeLessThanOrEqual(80);
    expect((await get('/api/products?limit=1000')).statusCode).toBe(400);
    expect((await get('/api/products?q[$gt]=')).statusCode).toBe(400);
  });
});

describe('conversations and streaming', () => {
  it('returns a transcript and 404s an unknown session', async () => {
    const chat = (await post('/api/chat', { user_id: 'user123', message: 'hello' })).json();
    const log = (await get(`/api/conversations/${chat.session_id}`)).json();
    expect(log.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect((await get('/api/conversations/nope')).statusCode).toBe(404);
  });

  it('streams progress per step, then the response', async () => {
    const res = await post('/api/chat/stream', { user_id: 'user123', message: 'show me phones' });
    expect(res.headers['content-type']).toContain('text/event-stream');
    const events = parseSse(res.body);
    const nodes = events.filter((e) => e.event === 'progress').map((e) => e.data.node);
    expect(nodes).toEqual([
      'retrieve_context',
      'analyze_intent',
      'route_decision',
      'execute_agent',
      'aggregate_response',
      'save_to_db',
    ]);
    expect(events.find((e) => e.data.node === 'route_decision')?.data.agent).toBe('recommendation_agent');
    const last = events.at(-1)!;
    expect(last.event).toBe('response');
    expect(last.data).toMatchObject({ current_intent: 'browse', last_agent: 'recommendation_agent' });
  });

  it('reports stream errors as an error event', async () => {
    const first = (await post('/api/chat', { user_id: 'user123', message: 'hi' })).json();
    const res = await post('/api/chat/stream', {
      user_id: 'someone-else',
      message: 'hi',
      session_id: first.session_id,
    });
    expect(res.body).toContain('event: error');
    expect(res.body).toContain('NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  it('documents every route from the validating schemas', async () => {
    const spec = (await get('/docs/json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/chat',
      '/api/chat/stream',
      '/api/cart/operation',
      '/api/recommendations',
      '/api/inventory/check',
      '/api/loyalty/status',
      '/api/products/{id}',
      '/api/products',
      '/api/conversations/{session_id}',
      '/health',
    ]) {
      expect(spec.paths[path], path).toBeDefined();
    }
    expect(spec.paths['/api/chat'].post.requestBody.content['application/json'].schema.required).toContain(
      'message',
    );
    expect((await get('/docs')).statusCode).toBeLessThan(400);
  });
});
