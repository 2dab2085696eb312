import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { startFakeStripe } from '../testing/fake-stripe.js';
import { createTestContext } from '../testing/test-context.js';
import { addOneLaptop, caller, orderOneLaptop, signedIn } from '../testing/api-calls.js';
import type { Order } from '../domain/types.js';

const SECRET = 'stripe-test-jwt-secret-long-enough-for-hs256';
const WEBHOOK_SECRET = 'whsec_test_secret';
let fake: Awaited<ReturnType<typeof startFakeStripe>>;
let ctx: AppContext;
let app: FastifyInstance;
let clock = new Date('2026-11-30T12:00:00Z');
const signer = new Stripe('sk_test_signer');

const as = signedIn(SECRET, () => clock);
const call = caller(() => app);

async function order(user: string) {
  const placed = await orderOneLaptop(call, as(user), user);
  return (await ctx.orders.get(placed.order_id))!;
}

/** Seconds on the test's clock: Stripe's signatures are dated, and checked against the shop's clock. */
const seconds = () => Math.floor(clock.getTime() / 1000);

/** Posts a body to the webhook, signed as Stripe signs it (or with another secret). */
function post(payload: string, secret = WEBHOOK_SECRET) {
  const signature = signer.webhooks.generateTestHeaderString({ payload, secret, timestamp: seconds() });
  return app.inject({
    method: 'POST',
    url: '/api/payments/stripe/webhook',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    payload,
  });
}

/**
 * A Checkout Session completed event for an order: by default through the checkout opened for it, for
 * its exact total in dollars; any of that can be changed to what an attacker would send.
 */
function sessionCompleted(
  eventId: string,
  order: Pick<Order, 'order_id' | 'total' | 'payment_checkout'>,
  intent: string,
  options: { amount?: number; currency?: string; checkout?: string; secret?: string } = {},
) {
  const payload = JSON.stringify({
    id: eventId,
    object: 'event',
    type: 'checkout.session.completed',
    created: seconds(),
    data: {
      object: {
        id: options.checkout ?? order.payment_checkout ?? `cs_${eventId}`,
        object: 'checkout.session',
        client_reference_id: order.order_id,
        metadata: { order_id: order.order_id },
        payment_status: 'paid',
        payment_intent: intent,
        amount_total: options.amount ?? Math.round(order.total * 100),
        currency: options.currency ?? 'usd',
      },
    },
  });
  return post(payload, options.secret);
}

beforeAll(async () => {
  fake = await startFakeStripe();
  ctx = await createTestContext(
    {
      JWT_SECRET: SECRET,
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_shop',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE_URL: fake.url,
    },
    { now: () => clock },
  );
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  await fake.close();
});

describe('Stripe payments', () => {
  it('opens a Checkout Session for the exact total in minor units, closing when the order expires', async () => {
    const placed = await order('customer050');
    const url = await ctx.orders.paymentLink(placed);
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const created = fake.calls.find((c) => c.path === '/v1/checkout/sessions')!;
    expect(created.params.get('line_items[0][price_data][unit_amount]')).toBe(
      String(Math.round(placed.total * 100)),
    );
    expect(created.params.get('line_items[0][price_data][currency]')).toBe('usd');
    expect(created.params.get('client_reference_id')).toBe(placed.order_id);
    const closes = Number(created.params.get('expires_at')) * 1000;
    // The session closes when the order does, by the shop's clock (it is open at least 31 minutes).
    expect(closes).toBe(Math.floor(Date.parse(placed.expires_at!) / 1000) * 1000);
    expect(created.idempotencyKey).toBe(`checkout-${placed.order_id}`);
  });

  it('marks the order paid from a signed event, once; refuses a wrong signature', async () => {
    const placed = await order('customer051');
    const amount = Math.round(placed.total * 100);
    const forged = await sessionCompleted('evt_forged', placed, 'pi_forged', { secret: 'whsec_other' });
    expect(forged.statusCode).toBe(403);
    expect((await ctx.orders.get(placed.order_id))?.status).toBe('pending_payment');
    const first = await sessionCompleted('evt_1', placed, 'pi_1');
    expect(first.json()).toEqual({ received: true, outcome: 'paid' });
    expect(await ctx.orders.get(placed.order_id)).toMatchObject({ status: 'paid', payment_ref: 'pi_1' });
    const replay = await sessionCompleted('evt_1', placed, 'pi_1');
    expect(replay.json()).toEqual({ received: true, outcome: 'duplicate' });
    // Paid twice (two payments, two events): the second payment goes back, the order stays paid once.
    const second = await sessionCompleted('evt_2', placed, 'pi_2');
    expect(second.json()).toEqual({ received: true, outcome: 'refunded_double' });
    const back = fake.calls.filter((c) => c.path === '/v1/refunds').at(-1)!;
    expect([back.params.get('payment_intent'), back.params.get('amount')]).toEqual(['pi_2', String(amount)]);
    expect(await ctx.orders.get(placed.order_id)).toMatchObject({ status: 'paid', payment_ref: 'pi_1' });

    // Cancelling it now refunds through Stripe.
    const cancelled = (await call('POST', `/api/orders/${placed.order_id}/cancel`, as('customer051'))).json();
    expect(cancelled.refund).toMatchObject({ amount: placed.total, sent: true });
    const refund = fake.calls.filter((c) => c.path === '/v1/refunds').at(-1)!;
    expect([refund.params.get('payment_intent'), refund.params.get('amount')]).toEqual([
      'pi_1',
      String(amount),
    ]);
  });

  it('refunds a payment that arrives after the order expired', async () => {
    const placed = await order('customer052');
    clock = new Date(clock.getTime() + 61 * 60_000);
    await ctx.orders.expireOverdue();
    expect((await ctx.orders.get(placed.order_id))?.status).toBe('expired');
    const amount = Math.round(placed.total * 100);
    // Its payment page closed with it (the order's own checkout, once).
    const closed = fake.calls.filter((c) => c.path.endsWith('/expire')).map((c) => c.path);
    expect(closed).toContain(`/v1/checkout/sessions/${placed.payment_checkout}/expire`);
    // A page already closed, or never there, is nothing to close.
    await expect(ctx.payments!.closeLink(placed.payment_checkout!)).resolves.toBeUndefined();
    await expect(ctx.payments!.closeLink('cs_test_nope')).resolves.toBeUndefined();
    const late = await sessionCompleted('evt_late', placed, 'pi_late');
    expect(late.json()).toEqual({ received: true, outcome: 'refunded_late' });
    expect((await ctx.orders.get(placed.order_id))?.status).toBe('expired');
    const refund = fake.calls.filter((c) => c.path === '/v1/refunds').at(-1)!;
    expect([refund.params.get('payment_intent'), refund.params.get('amount')]).toEqual([
      'pi_late',
      String(amount),
    ]);
  });

  it('sends the payment page after a confirmed checkout in conversation, and says so there when a late payment is refunded', async () => {
    const user = 'customer053';
    await addOneLaptop(call, as(user), user);
    const say = (message: string, sessionId?: string) =>
      ctx.engine.processSalesConversation({
        userId: user,
        channel: 'web',
        message,
        ...(sessionId ? { sessionId } : {}),
      });
    const summary = await say('checkout please, ship to 12 Market St, San Francisco, CA 94103');
    const placed = await say('yes', summary.session_id);
    const order = placed.data.order!;
    expect(placed.response).toMatch(/https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    // The page is kept with the order, so "where is my order" offers it again (one session per order).
    const stored = await ctx.orders.get(order.order_id);
    expect(stored).toMatchObject({
      session_id: summary.session_id,
      payment_url: expect.stringMatching(/cs_test_/),
    });
    const again = await say('where is my order?', summary.session_id);
    expect(again.response).toContain(`You can pay here: ${stored!.payment_url}`);

    clock = new Date(clock.getTime() + 61 * 60_000);
    await ctx.orders.expireOverdue();
    expect((await sessionCompleted('evt_late_told', stored!, 'pi_late_told')).json()).toEqual({
      received: true,
      outcome: 'refunded_late',
    });
    const log = await ctx.storage.conversations.get(summary.session_id);
    const told = log!.messages.at(-1)!;
    expect(told).toMatchObject({ role: 'assistant', agent_name: 'orders' });
    expect(told.content).toContain(
      `Your payment of $${order.total.toLocaleString('en-US', { minimumFractionDigits: 2 })} for order ${order.order_id} arrived after the order had expired unpaid`,
    );
    expect(told.content).toContain('on its way back to how you paid');
  });

  it('pays an order only through its own checkout, for its exact total in its currency; anything else goes back and credits nothing', async () => {
    const user = 'customer054';
    const placed = await order(user);
    expect(placed.payment_checkout).toMatch(/^cs_test_/);
    const before = await ctx.storage.customers.get(user);
    const refunds = () => fake.calls.filter((c) => c.path === '/v1/refunds');
    const cases = [
      // One yen for a $1,299.99 order, naming it: what a Payment Link lets anyone send.
      { event: 'evt_yen', intent: 'pi_yen', amount: 1, currency: 'jpy' },
      { event: 'evt_cheap', intent: 'pi_cheap', amount: 100 },
      { event: 'evt_other', intent: 'pi_other', checkout: 'cs_test_someone_elses' },
    ];
    for (const c of cases) {
      const answer = await sessionCompleted(c.event, placed, c.intent, c);
      expect(answer.json()).toEqual({ received: true, outcome: 'refunded_mismatch' });
      const back = refunds().at(-1)!;
      expect(back.params.get('payment_intent')).toBe(c.intent);
      expect(back.params.get('amount')).toBe(String(c.amount ?? Math.round(placed.total * 100)));
    }
    expect(await ctx.orders.get(placed.order_id)).toMatchObject({
      status: 'pending_payment',
      payment_ref: null,
    });
    const after = await ctx.storage.customers.get(user);
    expect(after).toMatchObject({
      loyalty_points: before!.loyalty_points,
      total_spent: before!.total_spent,
      loyalty_tier: before!.loyalty_tier,
    });
    const refused = (await ctx.storage.audit.list({ user_id: user })).filter(
      (e) => e.action === 'order.payment_refused',
    );
    expect(refused.map((e) => e.details.payment).sort()).toEqual(['pi_cheap', 'pi_other', 'pi_yen']);
    expect(refused.find((e) => e.details.payment === 'pi_yen')?.details.mismatch).toMatch(/paid in jpy/);

    // The real payment still pays it.
    expect((await sessionCompleted('evt_real', placed, 'pi_real')).json()).toEqual({
      received: true,
      outcome: 'paid',
    });
    expect((await ctx.storage.customers.get(user))!.loyalty_points).toBe(
      before!.loyalty_points + placed.points_earned,
    );
  });

  it('answers 400, not 500, to correctly signed events that are not well formed', async () => {
    const bodies = [
      'null',
      '[]',
      JSON.stringify({ id: 'evt_no_data', type: 'checkout.session.completed' }),
      JSON.stringify({ id: 'evt_null', type: 'checkout.session.completed', data: { object: null } }),
      JSON.stringify({ id: { nested: true }, type: 'checkout.session.completed', data: { object: {} } }),
      JSON.stringify({
        id: 'evt_session',
        type: 'checkout.session.completed',
        data: { object: { id: 'cs_x', payment_status: 'paid', amount_total: 'lots' } },
      }),
    ];
    for (const body of bodies) {
      const answer = await post(body);
      expect(answer.statusCode, body).toBe(400);
      expect(answer.json()).toMatchObject({ error: 'VALIDATION_FAILED' });
    }
    // Other kinds of events are received and left alone.
    const other = await post(
      JSON.stringify({ id: 'evt_other_kind', type: 'charge.refunded', data: { object: { id: 'ch_1' } } }),
    );
    expect(other.json()).toEqual({ received: true, outcome: 'ignored' });
  });
});
