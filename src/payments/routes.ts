import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import type { PaymentEvent } from './provider.js';
import type { StripePayments } from './stripe.js';

/** What Stripe's webhook uses. */
export interface PaymentRouteDeps {
  /** Stripe, when it is the payment provider: verifies its webhooks. */
  payments?: StripePayments | undefined;
  /** Applies a verified event to its order, once per event id (the order service). */
  orders: { settle(event: PaymentEvent): Promise<{ status: string }> };
}

/**
 * Stripe's webhook: verified with the SDK over the exact bytes Stripe signed, applied once per event id
 * (a replay changes nothing), answered 200 so Stripe stops retrying once it is recorded.
 */
export const paymentRoutes = (deps: PaymentRouteDeps) => async (app: FastifyInstance) => {
  // Raw bytes only in this plugin: the signature covers them, not a re-serialised object.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/payments/stripe/webhook',
    {
      config: { public: true, rateLimit: false },
      schema: { tags: ['orders'], summary: 'Stripe events: a paid Checkout Session marks its order paid' },
    },
    async (request) => {
      const stripe = deps.payments;
      if (!stripe)
        throw new AppError('PAYMENTS_NOT_CONFIGURED', 'Stripe is not set up (PAYMENT_PROVIDER=stripe).', {
          category: 'system',
        });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['stripe-signature'];
      const event = stripe.parseWebhook(raw, typeof signature === 'string' ? signature : undefined);
      const settled = await deps.orders.settle(event);
      request.log.info({ event_id: event.event_id, outcome: settled.status }, 'stripe event');
      return { received: true, outcome: settled.status };
    },
  );
};
