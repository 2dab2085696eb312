import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { createTestContext } from '../testing/test-context.js';
import { addOneLaptop, caller, orderOneLaptop, signedIn } from '../testing/api-calls.js';

const SECRET = 'orders-test-secret-long-enough-for-hs256';
let ctx: AppContext;
let app: FastifyInstance;
let clock = new Date('2026-11-30T12:00:00Z');

const as = signedIn(SECRET, () => clock);
const call = caller(() => app);
/** Staff, signed in at the test's time. */
const admin = () => as('staff1', { role: 'admin' });

/** Units of LAPTOP001 in silver available, all locations. */
async function onlineSilver(): Promise<number> {
  const product = (await call('GET', '/api/products/LAPTOP001', {})).json();
  return product.variants.find((v: { color: string }) => v.color === 'silver').quantity as number;
}

const order = (user: string) => orderOneLaptop(call, as(user), user);

beforeAll(async () => {
  ctx = await createTestContext({ JWT_SECRET: SECRET }, { now: () => clock });
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('orders over HTTP', () => {
  it("lists a customer's own orders; another customer's order reads exactly like none", async () => {
    const placed = await order('customer030');
    const mine = (await call('GET', '/api/orders', as('customer030'))).json();
    expect(mine.orders[0]).toMatchObject({ order_id: placed.order_id, status: 'pending_payment' });
    expect(mine.orders[0].expires_at).toBe(new Date(clock.getTime() + 60 * 60_000).toISOString());
    const theirs = await call('GET', `/api/orders/${placed.order_id}`, as('customer031'));
    const none = await call('GET', '/api/orders/ORD-NOPE', as('customer031'));
    expect([theirs.statusCode, none.statusCode]).toEqual([404, 404]);
    expect(theirs.json().message.replace(placed.order_id, 'X')).toBe(
      none.json().message.replace('ORD-NOPE', 'X'),
    );
    expect((await call('POST', `/api/orders/${placed.order_id}/cancel`, as('customer031'))).statusCode).toBe(
      404,
    );
    expect((await call('GET', '/api/orders?user_id=customer030', as('customer031'))).statusCode).toBe(403);
  });

  it('earns points only once paid; cancelling the paid order refunds it and takes the points back', async () => {
    const user = 'customer032';
    const loyalty = async () =>
      (await call('POST', '/api/loyalty/status', as(user), { user_id: user })).json().points as number;
    const stockBefore = await onlineSilver();
    const pointsBefore = await loyalty();
    const placed = await order(user);
    expect(await onlineSilver()).toBe(stockBefore - 1);
    expect(await loyalty()).toBe(pointsBefore);

    expect(
      (await call('POST', `/api/admin/orders/${placed.order_id}/status`, as(user), { status: 'paid' }))
        .statusCode,
    ).toBe(403);
    const paid = await call('POST', `/api/admin/orders/${placed.order_id}/status`, admin(), {
      status: 'paid',
    });
    expect(paid.json()).toMatchObject({ from: 'pending_payment', order: { status: 'paid' } });
    expect(await loyalty()).toBe(pointsBefore + placed.points_earned);

    const cancelled = await call('POST', `/api/orders/${placed.order_id}/cancel`, as(user));
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      order: { status: 'cancelled', refund_amount: placed.total },
      refund: { amount: placed.total, points_shortfall: 0 },
    });
    expect(await loyalty()).toBe(pointsBefore);
    expect(await onlineSilver()).toBe(stockBefore);
    const trail = await ctx.storage.audit.list({ user_id: user, limit: 2 });
    expect(trail.map((e) => [e.action, e.actor, e.details.to])).toEqual([
      ['order.status', `customer:${user}`, 'cancelled'],
      ['order.status', 'admin:staff1', 'paid'],
    ]);
  });

  it('refuses transitions the lifecycle does not allow, and a shipment half described', async () => {
    const placed = await order('customer033');
    const skip = await call('POST', `/api/admin/orders/${placed.order_id}/status`, admin(), {
      status: 'delivered',
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toMatchObject({
      error: 'INVALID_TRANSITION',
      message: expect.stringContaining('pending payment'),
    });
    await call('POST', `/api/admin/orders/${placed.order_id}/status`, admin(), { status: 'paid' });
    const half = await call('POST', `/api/admin/orders/${placed.order_id}/status`, admin(), {
      status: 'fulfilled',
      carrier: 'UPS',
    });
    expect([half.statusCode, half.json().field]).toEqual([400, 'tracking_number']);
    const shipped = await call('POST', `/api/admin/orders/${placed.order_id}/status`, admin(), {
      status: 'fulfilled',
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
    });
    expect(shipped.json().order).toMatchObject({ status: 'fulfilled', carrier: 'UPS' });
    const asked = await ctx.engine.processSalesConversation({
      userId: 'customer033',
      channel: 'web',
      message: 'where is my order?',
    });
    // The only order on its way is the one meant, in full, with how long its delivery method takes.
    expect(asked.response).toContain(
      `Order ${placed.order_id} (Northwind ProBook 14 Work Laptop, placed Nov 30,`,
    );
    expect(asked.response).toContain('shipped Nov 30 with UPS, tracking number 1Z999AA10123456784');
    // Monday Nov 30 + 2 to 5 business days.
    expect(asked.response).toContain(
      'Standard delivery takes 2-5 business days from shipping, so expect it between Dec 2 and Dec 7.',
    );
    expect((await call('POST', `/api/orders/${placed.order_id}/cancel`, as('customer033'))).statusCode).toBe(
      409,
    );
    const listed = (await call('GET', '/api/admin/orders?status=fulfilled', admin())).json();
    expect(listed.orders.map((o: { order_id: string }) => o.order_id)).toContain(placed.order_id);
  });

  it('expires unpaid orders after their time, once, giving units and points back', async () => {
    const placed = await order('customer034');
    expect(await ctx.orders.expireOverdue()).toBe(0);
    const afterPlacing = await onlineSilver();
    clock = new Date(clock.getTime() + 61 * 60_000);
    const overdue = (await ctx.orders.list({ status: 'pending_payment', limit: 500 })).filter(
      (o) => Date.parse(o.expires_at!) <= clock.getTime(),
    );
    const sku = (await ctx.orders.get(placed.order_id))!.items[0]!.sku;
    const silverLaptops = overdue.filter((o) => o.items.some((i) => i.sku === sku)).length;
    // Two sweeps at once (as from two instances): every overdue order expires once.
    const [a, b] = await Promise.all([ctx.orders.expireOverdue(), ctx.orders.expireOverdue()]);
    expect(a + b).toBe(overdue.length);
    expect((await ctx.orders.get(placed.order_id))?.status).toBe('expired');
    expect(await onlineSilver()).toBe(afterPlacing + silverLaptops);
    expect(await ctx.orders.expireOverdue()).toBe(0);
    const paidLate = await call('POST', `/api/admin/orders/${placed.order_id}/status`, admin(), {
      status: 'paid',
    });
    expect(paidLate.statusCode).toBe(409);
  });

  it('holds at most 3 unpaid orders per customer', async () => {
    const user = 'customer035';
    for (let n = 0; n < 3; n++) await order(user);
    const me = as(user);
    await addOneLaptop(call, me, user);
    const fourth = (
      await call('POST', '/api/cart/operation', me, { action: 'checkout', user_id: user })
    ).json();
    expect(fourth).toMatchObject({ status: 'too_many_unpaid', limit: 3 });
  });
});

describe('cancelling an order in conversation', () => {
  const say = (user: string, message: string, sessionId: string) =>
    ctx.engine.processSalesConversation({ userId: user, channel: 'web', message, sessionId });

  it('asks which of two unpaid orders, confirms the one picked, and cancels it only on yes', async () => {
    const user = 'customer040';
    const first = await order(user);
    const second = await order(user);
    const s = 'cancel-two';
    const which = await say(user, 'I want to cancel my order', s);
    expect(which.current_intent).toBe('cancel_order');
    expect(which.response).toContain('Which order would you like to cancel?');
    expect(which.response).toContain(first.order_id);
    expect(which.response).toContain(second.order_id);
    const listed = [...which.response.matchAll(/ORD-[A-Z0-9]+/g)].map((m) => m[0]);
    const confirm = await say(user, 'the second one', s);
    expect(confirm.response).toContain(`Cancel order ${listed[1]}`);
    expect(confirm.response).toMatch(/Nothing has been charged/);
    expect((await ctx.orders.get(listed[1]!))?.status).toBe('pending_payment');
    const done = await say(user, 'yes', s);
    expect(done.response).toContain(`Order ${listed[1]} is cancelled`);
    expect((await ctx.orders.get(listed[1]!))?.status).toBe('cancelled');
    expect((await ctx.orders.get(listed[0]!))?.status).toBe('pending_payment');
  });

  it('says what a paid order gets back, and keeps it on no', async () => {
    const user = 'customer041';
    const placed = await order(user);
    await ctx.orders.change(placed.order_id, { to: 'paid' }, 'admin:test');
    const s = 'cancel-paid';
    const ask = await say(user, 'please cancel the order I just placed', s);
    expect(ask.response).toContain(`It is paid: cancelling refunds $${placed.total.toLocaleString('en-US')}`);
    const kept = await say(user, 'no', s);
    expect(kept.response).toContain(`order ${placed.order_id} stays as it is`);
    expect((await ctx.orders.get(placed.order_id))?.status).toBe('paid');
  });

  it('will not cancel an order that has shipped, or one that is not theirs', async () => {
    const user = 'customer042';
    const placed = await order(user);
    await ctx.orders.change(placed.order_id, { to: 'paid' }, 'admin:test');
    await ctx.orders.change(
      placed.order_id,
      { to: 'fulfilled', carrier: 'DHL', tracking_number: 'JD0001' },
      'admin:test',
    );
    const shipped = await say(user, `cancel ${placed.order_id}`, 'cancel-shipped');
    expect(shipped.response).toContain(`Order ${placed.order_id} is shipped Nov 30 with DHL`);
    expect(shipped.response).toContain('can no longer be cancelled');
    const other = await say('customer043', `cancel ${placed.order_id} please`, 'cancel-other');
    expect(other.response).toContain(`I can't find an order ${placed.order_id} on your account`);
    expect((await ctx.orders.get(placed.order_id))?.status).toBe('fulfilled');
  });
});
