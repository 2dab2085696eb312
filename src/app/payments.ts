import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { StripePayments } from '../payments/stripe.js';

/** The payment provider the configuration names; Stripe's SDK loads only when it is used. */
export async function createPayments(config: Config, now: Clock): Promise<StripePayments | undefined> {
  if (config.PAYMENT_PROVIDER !== 'stripe') return undefined;
  const { createStripePayments } = await import('../payments/stripe.js');
  return createStripePayments({
    secretKey: config.STRIPE_SECRET_KEY ?? '',
    webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? '',
    currency: config.shop.currency,
    shopName: config.shop.name,
    successUrl: config.STRIPE_SUCCESS_URL,
    apiUrl: config.STRIPE_API_BASE_URL,
    now,
  });
}
