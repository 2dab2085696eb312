import type { Availability, PickupCandidate, StoreListing } from '../agents/inventory/inventory-agent.js';
import type { LoyaltyQuote, LoyaltyStatus } from '../agents/loyalty/loyalty-agent.js';
import type { AddResult, ChangeResult, CheckoutResult, CheckoutSummary } from '../agents/cart/cart-agent.js';
import type { CartView } from '../agents/cart/cart-view.js';
import type { ProductDetails, Recommendations } from '../agents/recommendation/recommendation-agent.js';
import type { RedemptionCheck } from '../domain/loyalty.js';
import type { Address, ConversationStatus, Order } from '../domain/types.js';
import type { ReturnRequest } from '../domain/returns.js';
import type { ReturnQuote } from '../returns/return-service.js';

export type AgentName = 'recommendation' | 'inventory' | 'cart' | 'loyalty' | 'orchestrator';

export interface RoutePlan {
  primary: AgentName;
  secondary: AgentName[];
}

/** How the shown list is put in order: by price either way, or best rated first. */
export type ListOrder = 'price_asc' | 'price_desc' | 'rating';

export type RecommendationResult =
  | ({ kind: 'recommendations' } & Recommendations)
  | { kind: 'details'; product: ProductDetails }
  | { kind: 'not_found'; query: string | null }
  /** The shown list in a new order; `pick` when the customer asked for the top one only. */
  | { kind: 'ranked'; order: ListOrder; pick: boolean; products: ProductDetails[] }
  | { kind: 'comparison'; products: ProductDetails[] }
  /** A question about "these" with nothing shown yet. */
  | { kind: 'nothing_shown' };

export type InventoryResult =
  | { kind: 'availability'; availability: Availability }
  | { kind: 'stores'; stores: StoreListing[]; located: boolean; place: string | null }
  | { kind: 'no_product' };

export type CartResult =
  | { kind: 'add'; result: AddResult }
  | { kind: 'view'; cart: CartView }
  | { kind: 'change'; action: 'update' | 'remove' | 'clear'; result: ChangeResult }
  /** `payment_url`: where to pay the order just placed, when the shop takes payment online. */
  | { kind: 'checkout'; result: CheckoutResult; payment_url?: string | null }
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
      reason: 'shipped' | 'pickup' | 'closed' | 'none' | 'moved' | 'items';
    }
  /** Cancelling an order: confirm this one, none can be, done, refused, or kept. */
  | { kind: 'cancel_ask'; order: Order }
  | { kind: 'cancel_none'; named: string | null; not_cancellable: Order | null }
  | { kind: 'cancelled'; order: Order; refund?: { amount: number; points_shortfall: number; sent: boolean } }
  | { kind: 'cancel_refused'; order_id: string; message: string }
  | { kind: 'cancel_kept'; order_id: string | null };

/** A return in conversation: the step it is at, with what the customer is shown. */
export type ReturnsResult =
  /**
   * No item or order named, or a question about how returns work: the rules, and what could go back
   * (`orders`: delivered and still inside the window; `late`: delivered ones past it).
   */
  | { kind: 'rules'; orders: Order[]; late: number }
  | { kind: 'choose'; orders: Order[] }
  | { kind: 'unknown'; named: string }
  | { kind: 'ask_item'; order: Order }
  | { kind: 'ask_variant'; order: Order; sku: string }
  | { kind: 'ask_reason'; order: Order; skus: string[] }
  | { kind: 'confirm'; order: Order; quote: ReturnQuoteView }
  | { kind: 'made'; ret: ReturnRequest }
  /** "Where's my refund?": the customer's returns, newest first, as they stand. */
  | { kind: 'status'; returns: ReturnRequest[] }
  /** `later`: the order isn't delivered yet, so it can go back once it is. */
  | { kind: 'refused'; order_id: string | null; message: string; later?: boolean }
  | { kind: 'kept' };

/** What a return would give back, as shown before the customer says yes: the quote without its order. */
export type ReturnQuoteView = Omit<ReturnQuote, 'order' | 'already'>;

export type LoyaltyResult =
  | { kind: 'status'; status: LoyaltyStatus; quote?: LoyaltyQuote }
  | { kind: 'quote'; quote: LoyaltyQuote }
  | {
      kind: 'redemption';
      check: RedemptionCheck;
      requested: number;
      cart_subtotal: number;
      min_redemption: number;
    };

/** What the agents found this turn, by agent; replies and response data are built from these only. */
export interface AgentResults {
  recommendation?: RecommendationResult;
  inventory?: InventoryResult;
  cart?: CartResult;
  loyalty?: LoyaltyResult;
  returns?: ReturnsResult;
  /** A person was asked for: where the conversation now stands. */
  handoff?: { status: ConversationStatus; new: boolean };
  /** Feedback was kept; the rating it carried, if any. */
  feedback?: { rating: number | null };
}
