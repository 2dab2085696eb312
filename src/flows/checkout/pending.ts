import type { Address, Fulfilment } from '../../domain/types.js';

/** A checkout in progress: waiting for an address or contact, or for a "yes" to the summary shown. */
export interface PendingCheckout {
  action: 'checkout';
  fulfilment: Fulfilment;
  redeem_points: number;
  /** What the customer still has to give before a summary can be shown. */
  missing: 'address' | 'contact' | null;
  /** Address fields given so far, while some are still missing. */
  partial?: Partial<Address>;
  /** The summary shown: a "yes" places the order only for this cart version and total, until then. */
  confirm: { cart_version: number; total: number; expires_at: string } | null;
}

declare module '../conversation.js' {
  interface PendingQuestions {
    checkout: PendingCheckout;
  }
}
