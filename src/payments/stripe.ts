import Stripe from 'stripe';
import { z } from 'zod';
import type { Clock } from '../domain/clock.js';
import { currencyDigits } from '../domain/money.js';
import type { Order } from '../domain/types.js';
import { AppError } from '../errors.js';
import { firstIssue } from '../validation.js';
import type { PaymentEvent, PaymentProvider } from './provider.js';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  currency: string;
  shopName: string;
  /** Where Stripe sends the customer after paying; Stripe's own confirmation page when absent. */
  successUrl?: string | undefined;
  /** Another API address (tests talk to a local stand-in). */
  apiUrl?: string | undefined;
  /** The one clock: when a Checkout Session closes, and how old a webhook's signature may be. */
  now: Clock;
}

/**
 * Stripe wants a Checkout Session open at least 30 minutes (a minute more covers the call's own time) and
 * at most 24 hours; an order that lapses sooner closes its page itself (closeLink).
 */
const MIN_OPEN_S = 31 * 60;
const MAX_OPEN_S = 24 * 3600 - 60;

/** Signed by Stripe is not the same as well formed: the fields a payment is read from are checked. */
const eventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const checkoutSessionSchema = z.object({
  id: z.string().min(1).max(255),
  client_reference_id: z.string().max(255).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  payment_status: z.string(),
  payment_intent: z.union([z.string(), z.object({ id: z.string() }), z.null()]).optional(),
  amount_total: z.number().int().min(0).nullish(),
  currency: z.string().nullish(),
});

const PAID_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded']);

const malformed = (error: z.ZodError, prefix: string) => {
  const { path, message } = firstIssue(error);
  const field = [prefix, path].filter(Boolean).join('.') || 'body';
  return new AppError(
    'VALIDATION_FAILED',
    `The Stripe event is not one this shop can read: ${field}: ${message}.`,
    {
      details: { field },
    },
  );
};

export interface StripePayments extends PaymentProvider {
  /**
   * Verifies a webhook over its raw body with the SDK (403 when the signature is wrong or stale) and
   * reads it (400 when it is not a well-formed event).
   */
  parseWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent;
}

export function createStripePayments(settings: StripeSettings): StripePayments {
  const api = settings.apiUrl ? new URL(settings.apiUrl) : null;
  const stripe = new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(api
      ? { host: api.hostname, port: api.port, protocol: api.protocol.replace(':', '') as 'http' | 'https' }
      : {}),
  });
  const digits = currencyDigits(settings.currency);
  // Amounts go to Stripe in the currency's minor units: cents, or whole yen.
  const minor = (amount: number) => Math.round(amount * 10 ** digits);
  const seconds = () => Math.floor(settings.now().getTime() / 1000);

  return {
    name: 'stripe',
    async paymentLink(order: Order) {
      const now = seconds();
      const until = order.expires_at ? Math.floor(Date.parse(order.expires_at) / 1000) : now + MAX_OPEN_S;
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          client_reference_id: order.order_id,
          metadata: { order_id: order.order_id },
          expires_at: Math.min(now + MAX_OPEN_S, Math.max(now + MIN_OPEN_S, until)),
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: settings.currency.toLowerCase(),
                unit_amount: minor(order.total),
                product_data: { name: `${settings.shopName} order ${order.order_id}` },
              },
            },
          ],
          ...(settings.successUrl ? { success_url: settings.successUrl } : {}),
        },
        // One session per order, however often a retry asks.
        { idempotencyKey: `checkout-${order.order_id}` },
      );
      if (!session.url)
        throw new AppError('PAYMENT_FAILED', 'Stripe returned no payment page.', { category: 'third_party' });
      return { url: session.url, reference: session.id };
    },
    async closeLink(reference) {
      try {
        await stripe.checkout.sessions.expire(reference);
      } catch (error) {
        // Completed or expired already: there is nothing left to close.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) return;
        throw error;
      }
    },
    async refund(paymentReference, amount, key) {
      const refund = await stripe.refunds.create(
        { payment_intent: paymentReference, amount: minor(amount) },
        // What the refund is for, so two returns of one payment are two refunds, even of equal amounts.
        { idempotencyKey: `refund-${key}` },
      );
      return { reference: refund.id };
    },
    parseWebhook(rawBody, signature) {
      let parsed: unknown;
      try {
        parsed = stripe.webhooks.constructEvent(
          rawBody,
          signature ?? '',
          settings.webhookSecret,
          undefined,
          undefined,
          seconds(),
        );
      } catch (error) {
        throw new AppError(
          'FORBIDDEN',
          `The Stripe webhook signature is missing or wrong: ${(error as Error).message}`,
        );
      }
      const event = eventSchema.safeParse(parsed);
      if (!event.success) throw malformed(event.error, '');
      const { id, type, data } = event.data;
      if (!PAID_EVENTS.has(type)) return { kind: 'ignored', event_id: id };
      const session = checkoutSessionSchema.safeParse(data.object);
      if (!session.success) throw malformed(session.error, 'data.object');
      const s = session.data;
      const fromMetadata = s.metadata?.order_id;
      const orderId = s.client_reference_id ?? (typeof fromMetadata === 'string' ? fromMetadata : undefined);
      const intent = typeof s.payment_intent === 'string' ? s.payment_intent : s.payment_intent?.id;
      if (s.payment_status !== 'paid' || !orderId || !intent) return { kind: 'ignored', event_id: id };
      return {
        kind: 'paid',
        event_id: id,
        order_id: orderId,
        payment_reference: intent,
        checkout_reference: s.id,
        amount_minor: s.amount_total ?? 0,
        currency: (s.currency ?? '').toLowerCase(),
      };
    },
  };
}
