import type { PickupCandidate } from '../../agents/inventory/inventory-agent.js';
import type {
  AddResult,
  ChangeResult,
  CheckoutResult,
  CheckoutSummary,
} from '../../agents/cart/cart-agent.js';
import type { CartView } from '../../agents/cart/cart-view.js';
import type { Address, Order } from '../../domain/types.js';

export type CartResult =
  | { kind: 'add'; result: AddResult }
  | { kind: 'view'; cart: CartView }
  | { kind: 'change'; action: 'update' | 'remove' | 'clear'; result: ChangeResult }
  /**
   * `payment_url`: where to pay the order just placed, when the shop takes payment online; `unpaid`: with
   * nothing in the cart, the customer's orders still waiting for payment.
   */
  | { kind: 'checkout'; result: CheckoutResult; payment_url?: string | null; unpaid?: Order[] }
  | { kind: 'orders'; orders: Order[] }
  | { kind: 'no_product'; action: 'add' | 'update' | 'remove' }
  /** A change asked for without saying what: quantity, colour or size. */
  | { kind: 'ask_change'; name: string }
  /** The order as it would be placed, waiting for a "yes"; `note` says why it is shown again. */
  | {
      kind: 'checkout_summary';
      summary: CheckoutSummary;
      store?: PickupCandidate;
      expires_at: string;
      note?: 'expired' | 'changed';
    }
  /** Checkout needs the delivery address (fields still missing) or a guest's email or phone. */
  | { kind: 'checkout_ask'; missing: 'address'; fields: string[] }
  | { kind: 'checkout_ask'; missing: 'contact' }
  /** The store asked for can't hand over the whole cart today; `alternatives` can. */
  | { kind: 'pickup_refused'; store: PickupCandidate | null; alternatives: PickupCandidate[] }
  /** Pickup asked for with no store named and no location: which of these? */
  | { kind: 'pickup_choose'; stores: PickupCandidate[] }
  | { kind: 'checkout_cancelled' }
  /** One order in detail, with how long its delivery method takes when it ships. */
  | {
      kind: 'order_detail';
      order: Order;
      method?: { name: string; min_days: number; max_days: number };
      /** Where a pickup order is collected. */
      store?: { name: string; address: string; city: string };
    }
  /** Several orders fit "my order": which one? */
  | { kind: 'order_choose'; action: 'order_status' | 'cancel_order' | 'change_order'; orders: Order[] }
  /** An order id the customer named that is not theirs (or does not exist). */
  | { kind: 'order_unknown'; named: string }
  /** Changing where an order goes: the new address asked for, to confirm, done, or not possible. */
  | { kind: 'change_ask'; order: Order; fields: string[] }
  | { kind: 'change_confirm'; order: Order; address: Address }
  | { kind: 'changed'; order: Order }
  | {
      kind: 'change_refused';
      order: Order | null;
      reason: 'shipped' | 'pickup' | 'closed' | 'none' | 'moved';
    }
  /** Cancelling an order: confirm this one, none can be, done, refused, or kept. */
  | { kind: 'cancel_ask'; order: Order }
  | { kind: 'cancel_none'; named: string | null; not_cancellable: Order | null }
  | { kind: 'cancelled'; order: Order; refund?: { amount: number; points_shortfall: number; sent: boolean } }
  | { kind: 'cancel_refused'; order_id: string; message: string }
  | { kind: 'cancel_kept'; order_id: string | null };
