import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../bootstrap.js';
import { buildApp } from '../http/app.js';
import { depsFrom } from '../http/deps.js';
import { startFakeStripe } from '../testing/fake-stripe.js';
import { createTestContext } from '../testing/test-context.js';
import { addOneLaptop, caller, orderOneLaptop, signedIn } from '../testing/api-calls.js';

const SECRET = 'stripe-test-jwt-secret-long-enough-for-hs256';
const WEBHOOK_SECRET = 'whsec_test_secret';
let fake: Awaited<ReturnType<typeof startFakeStripe>>;
let ctx: AppContext;
let app: FastifyInstance;
let clock = new Date('2026-11-30T12:00:00Z');
const signer = new Stripe('sk_test_signer');

const as = signedIn(SECRET);
const call = caller(() => app);

async function order(user: string) {
  const placed = await orderOneLaptop(call, as(user), user);
  return (await ctx.orders.get(placed.order_id))!;
}

/** A Checkout Session completed event, signed as Stripe signs it (or with another secret). */
function sessionCompleted(
  eventId: string,
  orderId: string,
  intent: string,
  amount: number,
  secret = WEBHOOK_SECRET,
) {
  const payload = JSON.stringify({
    id: eventId,
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: `cs_${eventId}`,
        object: 'checkout.session',
        client_reference_id: orderId,
        metadata: { order_id: orderId },
        payment_status: 'paid',
        payment_intent: intent,
        amount_total: amount,
        currency: 'usd',
      },
    },
  });
  const signature = signer.webhooks.generateTestHeaderString({ payload, secret });
  return app.inject({
    method: 'POST',
    url: '/api/payments/stripe/webhook',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    payload,
  });
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
  app = await buildApp({ ...depsFrom(ctx), logger: undefined });
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
    expect(Math.abs(closes - Date.parse(placed.expires_at!))).toBeLessThan(24 * 3600 * 1000);
    expect(created.idempotencyKey).toBe(`checkout-${placed.order_id}`);
  });

  it('marks the order paid from a signed event, once; refuses a wrong signature', async () => {
    const placed = await order('customer051');
    const amount = Math.round(placed.total * 100);
    const forged = await sessionCompleted('evt_forged', placed.order_id, 'pi_forged', amount, 'whsec_other');
    expect(forged.statusCode).toBe(403);
    expect((await ctx.orders.get(placed.order_id))?.status).toBe('pending_payment');
    const first = await sessionCompleted('evt_1', placed.order_id, 'pi_1', amount);
    expect(first.json()).toEqual({ received: true, outcome: 'paid' });
    expect(await ctx.orders.get(placed.order_id)).toMatchObject({ status: 'paid', payment_ref: 'pi_1' });
    const replay = await sessionCompleted('evt_1', placed.order_id, 'pi_1', amount);
    expect(replay.json()).toEqual({ received: true, outcome: 'duplicate' });
    // Paid twice (two payments, two events): the second payment goes back, the order stays paid once.
    const second = await sessionCompleted('evt_2', placed.order_id, 'pi_2', amount);
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
    const late = await sessionCompleted('evt_late', placed.order_id, 'pi_late', amount);
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
    const amount = Math.round(order.total * 100);
    expect((await sessionCompleted('evt_late_told', order.order_id, 'pi_late_told', amount)).json()).toEqual({
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
});
