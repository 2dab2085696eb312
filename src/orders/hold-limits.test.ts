import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { ONLINE_LOCATION, type Product } from '../domain/types.js';
import { buildApp } from '../app/http.js';
import { signedIn } from '../testing/api-calls.js';
import { createTestContext } from '../testing/test-context.js';

const SECRET = 'hold-limits-test-secret-long-enough-for-hs256';
/** The shop's own server, acting for its customers with an API key. */
const SHOP_SERVER = 'shop-server-key-long-enough-0001';
let ctx: AppContext;
let app: FastifyInstance;
const clock = new Date('2026-11-30T12:00:00Z');
const as = signedIn(SECRET, () => clock);

interface Pick {
  product: Product;
  sku: string;
  color: string | null;
  size: string | null;
  online: number;
}
/** Variants of two products with plenty online, as a hoarder would pick. */
let pick: Pick;
let other: Pick;
let third: Pick;

const online = async (sku: string) =>
  (await ctx.storage.inventory.stockForProduct(pick.product.product_id)).find(
    (l) => l.sku === sku && l.location_id === ONLINE_LOCATION,
  )?.quantity ?? 0;

/** Puts `quantity` of a variant in a cart and checks out over REST, as `user` (or with `headers`) from `ip`. */
async function checkout(
  user: string,
  quantity: number,
  ip: string,
  variant: Pick = pick,
  headers: Record<string, string> = as(user),
) {
  const add = await app.inject({
    method: 'POST',
    url: '/api/cart/operation',
    headers,
    remoteAddress: ip,
    payload: {
      action: 'add',
      user_id: user,
      product_id: variant.product.product_id,
      quantity,
      ...(variant.color ? { color: variant.color } : {}),
      ...(variant.size ? { size: variant.size } : {}),
    },
  });
  expect(add.json().status, JSON.stringify(add.json())).toBe('added');
  const done = await app.inject({
    method: 'POST',
    url: '/api/cart/operation',
    headers,
    remoteAddress: ip,
    payload: { action: 'checkout', user_id: user },
  });
  return done.json();
}

beforeAll(async () => {
  ctx = await createTestContext({ JWT_SECRET: SECRET, API_KEYS: SHOP_SERVER }, { now: () => clock });
  app = await buildApp(ctx, { logger: false });
  const products = await ctx.storage.products.search({ in_stock_only: true, limit: 200 });
  const levels = await ctx.storage.inventory.stockForProducts(products.map((p) => p.product_id));
  const online = levels
    .filter((l) => l.location_id === ONLINE_LOCATION)
    .sort((a, b) => b.quantity - a.quantity);
  const picked = online.map((level): Pick => {
    const product = products.find((p) => p.variants.some((v) => v.sku === level.sku))!;
    const variant = product.variants.find((v) => v.sku === level.sku)!;
    return { product, sku: level.sku, color: variant.color, size: variant.size, online: level.quantity };
  });
  pick = picked[0]!;
  other = picked.find((p) => p.product.product_id !== pick.product.product_id)!;
  third = picked.find((p) => ![pick, other].some((q) => q.product.product_id === p.product.product_id))!;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('what unpaid orders may hold', () => {
  it('lets a guest hold at most 10 units of a variant, for 15 minutes', async () => {
    expect(pick.online).toBeGreaterThan(30);
    const refused = await checkout('guest-hoarder-1', 11, '203.0.113.10');
    expect(refused).toMatchObject({ status: 'hold_limit', limit: 'customer', max: 10, available: 10 });
    expect(await online(pick.sku)).toBe(pick.online);
    // Down to the limit, it is placed, held for 15 minutes instead of an hour.
    await app.inject({
      method: 'POST',
      url: '/api/cart/operation',
      headers: as('guest-hoarder-1'),
      payload: { action: 'update', user_id: 'guest-hoarder-1', sku: pick.sku, quantity: 10 },
    });
    const placed = await app.inject({
      method: 'POST',
      url: '/api/cart/operation',
      headers: as('guest-hoarder-1'),
      remoteAddress: '203.0.113.10',
      payload: { action: 'checkout', user_id: 'guest-hoarder-1' },
    });
    expect(placed.json()).toMatchObject({ status: 'placed' });
    expect(placed.json().order.expires_at).toBe(new Date(clock.getTime() + 15 * 60_000).toISOString());
  });

  it('tells a guest in conversation which limit it is and how to order what can be held', async () => {
    const user = 'guest-talker-1';
    const add = await app.inject({
      method: 'POST',
      url: '/api/cart/operation',
      headers: as(user),
      payload: {
        action: 'add',
        user_id: user,
        product_id: other.product.product_id,
        quantity: 12,
        ...(other.color ? { color: other.color } : {}),
        ...(other.size ? { size: other.size } : {}),
      },
    });
    expect(add.json().status).toBe('added');
    let session: string | undefined;
    const say = async (message: string) => {
      const turn = await ctx.engine.processSalesConversation({
        userId: user,
        channel: 'web',
        message,
        clientAddress: '192.0.2.44',
        ...(session ? { sessionId: session } : {}),
      });
      session = turn.session_id;
      return turn.response;
    };
    // Said before the summary, not after the customer says yes to it.
    const refused = await say(
      'checkout please, ship to 12 Market St, San Francisco, CA 94103, email me at t@example.com',
    );
    expect(refused).toContain(`at most 10 of the ${other.product.name}`);
    expect(refused).toContain('say "make it 10"');
    expect(await say('make it 10')).toMatch(/10 x/);
    expect(await say('checkout')).toMatch(/please check it/);
    expect(await say('yes, do it')).toMatch(/Your order is placed|Order confirmed|your order is in/);
  });

  it('caps what guests from one address hold together, and never a signed-in customer by address', async () => {
    // The first test's guest holds 10 from this address: a second guest may hold 10 more, not 11.
    expect(await checkout('guest-hoarder-2', 10, '203.0.113.10')).toMatchObject({ status: 'placed' });
    expect(await checkout('guest-hoarder-3', 1, '203.0.113.10')).toMatchObject({
      status: 'hold_limit',
      limit: 'address',
      max: 20,
      available: 0,
    });
    // A known customer from the same address is not a guest: only the shop-wide share applies.
    const known = await checkout('customer040', 2, '203.0.113.10');
    expect(known).toMatchObject({ status: 'placed' });
    expect(known.order.expires_at).toBe(new Date(clock.getTime() + 60 * 60_000).toISOString());
  });

  it("counts no address for the shop's own server acting for its customers", async () => {
    const server = { 'x-api-key': SHOP_SERVER };
    for (const user of ['guest-relayed-1', 'guest-relayed-2', 'guest-relayed-3'])
      expect(await checkout(user, 8, '203.0.113.99', third, server)).toMatchObject({ status: 'placed' });
    // Each is still a guest: the per-guest limit holds whoever relays them.
    expect(await checkout('guest-relayed-1', 3, '203.0.113.99', third, server)).toMatchObject({
      status: 'hold_limit',
      limit: 'customer',
      available: 2,
    });
  });

  it('never lets unpaid orders take more than half of a variant off sale', async () => {
    // Known customers, each within every other limit, order until the shop-wide share is held.
    let refusal: { status: string; limit?: string; max?: number; available?: number } | undefined;
    for (let n = 41; n < 59 && !refusal; n++) {
      const answer = await checkout(`customer0${n}`, 10, `198.51.100.${n}`);
      if (answer.status !== 'placed') refusal = answer;
    }
    expect(refusal).toMatchObject({ status: 'hold_limit', limit: 'share' });
    const held = refusal!.max! - refusal!.available!;
    const left = await online(pick.sku);
    // Half of what is on hand (rounded up) is held; the rest stays on sale.
    expect(refusal!.max).toBe(Math.ceil((left + held) / 2));
    expect(left).toBeGreaterThanOrEqual(Math.floor((left + held) / 2));
    expect(left).toBeGreaterThan(0);
  });
});
