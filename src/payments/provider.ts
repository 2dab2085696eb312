import type { Order } from '../domain/types.js';

/**
 * A payment event from the provider, already verified as genuine - which says only that the provider
 * sent it, not that it pays the order it names: anyone can open a Stripe Payment Link with any
 * `client_reference_id`. What was paid, in what currency and through which checkout, is checked against
 * the order before it counts (see OrderService.settle).
 */
export type PaymentEvent =
  | {
      kind: 'paid';
      event_id: string;
      /** The order the payer named. */
      order_id: string;
      /** The payment itself (a Stripe payment intent): what a refund goes back through. */
      payment_reference: string;
      /** The checkout it was paid through (a Stripe Checkout Session id). */
      checkout_reference: string;
      /** What was paid, in the currency's minor units (cents, whole yen). */
      amount_minor: number;
      /** ISO 4217 code, lower case as Stripe sends it. */
      currency: string;
    }
  | { kind: 'ignored'; event_id: string };

/**
 * Where the shop takes money. `manual`: the shop marks orders paid itself (admin API) and refunds by
 * hand. `stripe`: a hosted checkout page per order, payments confirmed by signed webhooks, refunds
 * through the API.
 */
export interface PaymentProvider {
  readonly name: 'manual' | 'stripe';
  /**
   * A page where the customer pays this order until it expires, and the checkout's reference (kept on the
   * order: only a payment through it pays the order); null when the shop collects otherwise.
   */
  paymentLink(order: Order): Promise<{ url: string; reference: string } | null>;
  /**
   * Closes the page `paymentLink` opened (its `reference`), so nobody pays an order that lapsed or was
   * cancelled; a page already closed or paid is left as it is.
   */
  closeLink(reference: string): Promise<void>;
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
  closeLink: async () => undefined,
  refund: async () => null,
};
