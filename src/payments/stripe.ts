import Stripe from 'stripe';
import { currencyDigits } from '../domain/money.js';
import type { Order } from '../domain/types.js';
import { AppError } from '../errors.js';
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
}

/** Stripe wants a Checkout Session to stay open at least 30 minutes and at most 24 hours. */
const MIN_OPEN_S = 30 * 60 + 60;
const MAX_OPEN_S = 24 * 3600 - 60;

export interface StripePayments extends PaymentProvider {
  /** Verifies a webhook over its raw body with the SDK; throws when the signature is wrong or stale. */
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

  return {
    name: 'stripe',
    async paymentLink(order: Order) {
      const now = Math.floor(Date.now() / 1000);
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
    async refund(paymentReference, amount, key) {
      const refund = await stripe.refunds.create(
        { payment_intent: paymentReference, amount: minor(amount) },
        // What the refund is for, so two returns of one payment are two refunds, even of equal amounts.
        { idempotencyKey: `refund-${key}` },
      );
      return { reference: refund.id };
    },
    parseWebhook(rawBody, signature) {
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature ?? '', settings.webhookSecret);
      } catch (error) {
        throw new AppError(
          'FORBIDDEN',
          `The Stripe webhook signature is missing or wrong: ${(error as Error).message}`,
        );
      }
      if (
        event.type === 'checkout.session.completed' ||
        event.type === 'checkout.session.async_payment_succeeded'
      ) {
        const session = event.data.object;
        const orderId = session.client_reference_id ?? session.metadata?.order_id;
        const intent =
          typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
        if (session.payment_status === 'paid' && orderId && intent) {
          return {
            kind: 'paid',
            event_id: event.id,
            order_id: orderId,
            payment_reference: intent,
            amount_minor: session.amount_total ?? 0,
          };
        }
      }
      return { kind: 'ignored', event_id: event.id };
    },
  };
}
