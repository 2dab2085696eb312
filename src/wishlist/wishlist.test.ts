import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { signedIn } from '../testing/api-calls.js';
import { createTestContext } from '../testing/test-context.js';

const SECRET = 'wishlist-test-secret-long-enough-for-hs256';
let ctx: AppContext;
let app: FastifyInstance;
const as = signedIn(SECRET);

beforeAll(async () => {
  ctx = await createTestContext({ JWT_SECRET: SECRET });
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, user: string) =>
  app.inject({ method, url, headers: as(user) });

describe('wishlist API', () => {
  it('saves, lists at today’s price and removes a customer’s products, for that customer only', async () => {
    const [product] = await ctx.storage.products.search({ limit: 1 });
    const id = product!.product_id;
    const saved = await call('PUT', `/api/wishlist/wl-ana/${id}`, 'wl-ana');
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      status: 'saved',
      product: { product_id: id, name: product!.name, price: product!.price },
    });
    expect((await call('PUT', `/api/wishlist/wl-ana/${id}`, 'wl-ana')).json().status).toBe('already');
    const list = (await call('GET', '/api/wishlist/wl-ana', 'wl-ana')).json();
    expect(list.items).toMatchObject([{ product_id: id, name: product!.name, price: product!.price }]);
    // Someone else's list is not theirs to read or change.
    expect((await call('GET', '/api/wishlist/wl-ana', 'wl-bob')).statusCode).toBe(403);
    expect((await call('DELETE', `/api/wishlist/wl-ana/${id}`, 'wl-bob')).statusCode).toBe(403);
    expect((await call('DELETE', `/api/wishlist/wl-ana/${id}`, 'wl-ana')).statusCode).toBe(204);
    expect((await call('DELETE', `/api/wishlist/wl-ana/${id}`, 'wl-ana')).statusCode).toBe(204);
    expect((await call('GET', '/api/wishlist/wl-ana', 'wl-ana')).json().items).toEqual([]);
  });

  it('refuses a product the shop does not sell, saying which', async () => {
    const r = await call('PUT', '/api/wishlist/wl-ana/NO-SUCH-PRODUCT', 'wl-ana');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: 'NOT_FOUND' });
    expect(r.json().message).toContain('NO-SUCH-PRODUCT');
  });
});
