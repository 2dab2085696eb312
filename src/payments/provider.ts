import type { Order } from '../domain/types.js';

/** A payment event from the provider, already verified as genuine. */
export type PaymentEvent =
  | { kind: 'paid'; event_id: string; order_id: string; payment_reference: string; amount_minor: number }
  | { kind: 'ignored'; event_id: string };

/**
 * Where the shop takes money. `manual`: the shop marks orders paid itself (admin API) and refunds by
 * hand. `stripe`: a hosted checkout page per order, payments confirmed by signed webhooks, refunds
 * through the API.
 */
export interface PaymentProvider {
  readonly name: 'manual' | 'stripe';
  /** A page where the customer pays this order until it expires; null when the shop collects otherwise. */
  paymentLink(order: Order): Promise<{ url: string; reference: string } | null>;
  /**
   * Gives `amount` back for a payment; null when refunds are done by hand. `key` names what the refund
   * is for (a cancellation, a return): asked again for the same key, the provider makes it once; two
   * refunds of one payment for different things are two refunds, whatever their amounts.
   */
  refund(paymentReference: string, amount: number, key: string): Promise<{ reference: string } | null>;
}

export const manualPayments: PaymentProvider = {
  name: 'manual',
  paymentLink: async () => null,
  refund: async () => null,
};
