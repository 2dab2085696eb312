import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { toCents } from '../domain/money.js';
import { ONLINE_LOCATION, type Product } from '../domain/types.js';
import { buildApp } from '../app/http.js';
import { caller, signedIn } from '../testing/api-calls.js';
import { startFakeStripe } from '../testing/fake-stripe.js';
import { createTestContext } from '../testing/test-context.js';

const SECRET = 'returns-test-secret-long-enough-for-hs256';
let ctx: AppContext;
let app: FastifyInstance;
let fake: Awaited<ReturnType<typeof startFakeStripe>>;
let clock = new Date('2026-11-30T12:00:00Z');
let shoe: Product;

const as = signedIn(SECRET, () => clock);
const call = caller(() => app);
const admin = as('staff1', { role: 'admin' });

/** Online units of a variant. */
const online = async (sku: string) =>
  (await ctx.storage.inventory.skuTotals([shoe.product_id])).find((s) => s.sku === sku)?.online ?? 0;

/**
 * An order of `quantity` shoes in the first variant, placed through the REST API, paid through Stripe
 * (its payment reference kept), shipped and delivered.
 */
async function deliveredShoes(user: string, quantity: number, byStripe = true): Promise<string> {
  const v = shoe.variants[0]!;
  const headers = as(user);
  const added = await call('POST', '/api/cart/operation', headers, {
    action: 'add',
    user_id: user,
    product_id: shoe.product_id,
    quantity,
    ...(v.color ? { color: v.color } : {}),
    ...(v.size ? { size: v.size } : {}),
  });
  const placed = (
    await call('POST', '/api/cart/operation', headers, { action: 'checkout', user_id: user })
  ).json();
  if (!placed.order) throw new Error(`checkout for ${user}: ${added.body} ${JSON.stringify(placed)}`);
  const id = placed.order.order_id as string;
  await ctx.orders.change(id, { to: 'paid', ...(byStripe ? { payment_ref: `pi_${id}` } : {}) }, 'test');
  await ctx.orders.change(id, { to: 'fulfilled', carrier: 'UPS', tracking_number: '1Z1' }, 'test');
  await ctx.orders.change(id, { to: 'delivered' }, 'test');
  return id;
}

beforeAll(async () => {
  fake = await startFakeStripe();
  ctx = await createTestContext(
    {
      JWT_SECRET: SECRET,
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_shop',
      STRIPE_WEBHOOK_SECRET: 'whsec_returns',
      STRIPE_API_BASE_URL: fake.url,
    },
    { now: () => clock },
  );
  app = await buildApp(ctx, { logger: false });
  const shoes = await ctx.storage.products.search({ category: 'shoes', limit: 20 });
  const totals = await ctx.storage.inventory.skuTotals(shoes.map((p) => p.product_id));
  // A shoe whose first two sizes are both in stock online, to return one and exchange for the other.
  shoe = shoes.find((p) =>
    p.variants.slice(0, 2).every((v) => (totals.find((t) => t.sku === v.sku)?.online ?? 0) >= 3),
  )!;
  await ctx.storage.inventory.setStock([
    { sku: shoe.variants[0]!.sku, product_id: shoe.product_id, location_id: ONLINE_LOCATION, quantity: 20 },
  ]);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  await fake.close();
});

describe('returns over HTTP', () => {
  it('approves a return within the rules, receives it back on hand and refunds what was paid through Stripe', async () => {
    const user = 'customer040';
    const orderId = await deliveredShoes(user, 2);
    const order = (await call('GET', `/api/orders/${orderId}`, as(user))).json();
    const sku = shoe.variants[0]!.sku;

    const theirs = await call('POST', `/api/orders/${orderId}/returns`, as('customer041'), {
      items: [{ sku, quantity: 1 }],
      reason: 'too small',
    });
    expect(theirs.statusCode).toBe(404);

    const made = await call('POST', `/api/orders/${orderId}/returns`, as(user), {
      items: [{ sku, quantity: 1 }],
      reason: 'too small',
    });
    expect(made.statusCode).toBe(201);
    const ret = made.json().return;
    expect(ret).toMatchObject({ status: 'approved', order_id: orderId, reason: 'too small' });
    expect(ret.instructions).toContain(ret.return_id);
    expect(ret.instructions).toContain('unworn and unwashed');
    // Half of a two-unit order: its share of what was paid, shipping and its tax kept by the shop.
    const goodsPaid = toCents(order.total) - toCents(order.shipping) - toCents(order.tax);
    expect(Math.abs(toCents(ret.refund_amount) - goodsPaid / 2)).toBeLessThanOrEqual(1);
    expect(ret.points_reversed).toBe(Math.ceil(order.points_earned / 2));

    const listed = (await call('GET', '/api/admin/returns?status=approved', admin)).json().returns;
    expect(listed.map((r: { return_id: string }) => r.return_id)).toContain(ret.return_id);
    expect((await call('GET', '/api/admin/returns', as(user))).statusCode).toBe(403);
    expect((await call('POST', `/api/admin/returns/${ret.return_id}/receive`, as(user))).statusCode).toBe(
      403,
    );

    const before = await online(sku);
    const points = (await ctx.storage.customers.get(user))!.loyalty_points;
    const received = await call('POST', `/api/admin/returns/${ret.return_id}/receive`, admin);
    expect(received.statusCode).toBe(200);
    expect(received.json()).toMatchObject({
      return: { status: 'refunded', refund_ref: expect.stringMatching(/^re_test_/) },
      refund: { amount: ret.refund_amount, sent: true },
    });
    const refund = fake.calls.find(
      (c) => c.path === '/v1/refunds' && c.params.get('payment_intent') === `pi_${orderId}`,
    );
    expect(Number(refund?.params.get('amount'))).toBe(toCents(ret.refund_amount));
    expect(await online(sku)).toBe(before + 1);
    expect((await ctx.storage.customers.get(user))!.loyalty_points).toBe(points - ret.points_reversed);
    expect((await call('POST', `/api/admin/returns/${ret.return_id}/receive`, admin)).statusCode).toBe(409);

    // The other unit, then nothing more.
    const second = await call('POST', `/api/orders/${orderId}/returns`, as(user), {
      items: [{ sku, quantity: 1 }],
      reason: 'changed my mind',
    });
    const both = toCents(ret.refund_amount) + toCents(second.json().return.refund_amount);
    expect(both).toBe(goodsPaid);
    // Received too: a second refund of the same payment, never the first one replayed.
    const secondDone = (
      await call('POST', `/api/admin/returns/${second.json().return.return_id}/receive`, admin)
    ).json();
    expect(secondDone.return.refund_ref).not.toBe(received.json().return.refund_ref);
    const refunds = fake.calls.filter(
      (c) => c.path === '/v1/refunds' && c.params.get('payment_intent') === `pi_${orderId}`,
    );
    expect(new Set(refunds.map((c) => c.idempotencyKey)).size).toBe(2);
    expect(refunds.reduce((n, c) => n + Number(c.params.get('amount')), 0)).toBe(goodsPaid);
    const third = await call('POST', `/api/orders/${orderId}/returns`, as(user), {
      items: [{ sku, quantity: 1 }],
      reason: 'again',
    });
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ error: 'RETURN_NOT_ALLOWED' });
    expect(third.json().message).toContain('already being returned');
    const trail = await ctx.storage.audit.list({ user_id: user, limit: 10 });
    expect(trail.filter((e) => e.action === 'return.request')).toHaveLength(2);
  });

  it('refuses returns the rules do not allow, saying why', async () => {
    const user = 'customer042';
    const orderId = await deliveredShoes(user, 1);
    const sku = shoe.variants[0]!.sku;
    const ask = (body: object) => call('POST', `/api/orders/${orderId}/returns`, as(user), body);
    expect((await ask({ items: [{ sku, quantity: 0 }], reason: 'x' })).statusCode).toBe(400);
    expect((await ask({ items: [], reason: 'x' })).statusCode).toBe(400);
    expect((await ask({ items: [{ sku: 'NOPE-1', quantity: 1 }], reason: 'x' })).json().message).toContain(
      'no item',
    );
    const saved = clock;
    clock = new Date(clock.getTime() + 31 * 86_400_000);
    const late = await ask({ items: [{ sku, quantity: 1 }], reason: 'x' });
    clock = saved;
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toMatch(/within 30 days of delivery.*delivered on/);

    await call('POST', '/api/cart/operation', as(user), {
      action: 'add',
      user_id: user,
      product_id: 'LAPTOP001',
      color: 'silver',
    });
    const unpaid = (
      await call('POST', '/api/cart/operation', as(user), { action: 'checkout', user_id: user })
    ).json();
    const early = await call('POST', `/api/orders/${unpaid.order.order_id}/returns`, as(user), {
      items: [{ sku: unpaid.order.items[0].sku, quantity: 1 }],
      reason: 'x',
    });
    expect(early.json()).toMatchObject({ error: 'RETURN_NOT_ALLOWED' });
    expect(early.json().message).toContain('cancelled instead');
  });

  it('exchanges for another size: the new one is reserved, and received without a refund', async () => {
    const user = 'customer043';
    const orderId = await deliveredShoes(user, 1);
    const [from, to] = shoe.variants;
    const before = await online(to!.sku);
    const made = await call('POST', `/api/orders/${orderId}/returns`, as(user), {
      items: [
        {
          sku: from!.sku,
          quantity: 1,
          exchange_for: { size: to!.size ?? undefined, color: to!.color ?? undefined },
        },
      ],
      reason: 'too tight',
    });
    expect(made.statusCode).toBe(201);
    const ret = made.json().return;
    expect(ret).toMatchObject({ refund_amount: 0, lines: [{ exchange_for: { sku: to!.sku } }] });
    expect(await online(to!.sku)).toBe(before - 1);
    const done = (await call('POST', `/api/admin/returns/${ret.return_id}/receive`, admin)).json();
    expect(done).toMatchObject({ return: { status: 'exchanged' }, refund: { amount: 0, sent: false } });
    expect(await online(to!.sku)).toBe(before - 1);

    const wrong = await call('POST', `/api/orders/${orderId}/returns`, as(user), {
      items: [{ sku: from!.sku, quantity: 1, exchange_for: { size: 'XXXL' } }],
      reason: 'x',
    });
    expect(wrong.json()).toMatchObject({ error: 'EXCHANGE_NOT_AVAILABLE' });
  });

  it('rejects with a reason, giving the units back; a manual refund is recorded by hand', async () => {
    const user = 'customer044';
    // Paid at the till: no payment to refund through Stripe.
    const orderId = await deliveredShoes(user, 2, false);
    const sku = shoe.variants[0]!.sku;
    const made = (
      await call('POST', `/api/orders/${orderId}/returns`, as(user), {
        items: [{ sku, quantity: 2 }],
        reason: 'x',
      })
    ).json().return;
    const rejected = await call('POST', `/api/admin/returns/${made.return_id}/reject`, admin, {
      reason: 'Worn outdoors.',
    });
    expect(rejected.json().return).toMatchObject({ status: 'rejected', rejection_reason: 'Worn outdoors.' });
    const again = await call('POST', `/api/orders/${orderId}/returns`, as(user), {
      items: [{ sku, quantity: 2 }],
      reason: 'y',
    });
    expect(again.statusCode).toBe(201);
    const early = await call('POST', `/api/admin/returns/${made.return_id}/refund`, admin);
    expect(early.json()).toMatchObject({ statusCode: 409, error: 'INVALID_TRANSITION' });
    const mine = (await call('GET', `/api/returns/${again.json().return.return_id}`, as(user))).json();
    expect(mine.return.status).toBe('approved');
    expect(
      (await call('GET', `/api/returns/${again.json().return.return_id}`, as('customer045'))).statusCode,
    ).toBe(404);
  });
});
