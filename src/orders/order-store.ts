import type { DayRange } from '../domain/days.js';
import type { HoldLimits, HoldRefusal } from '../domain/holds.js';
import type { TierRule } from '../domain/loyalty.js';
import type { CreditProgram } from '../domain/sale-credit.js';
import type {
  Address,
  Customer,
  Fulfilment,
  LoyaltyTier,
  Order,
  OrderLine,
  OrderStatus,
  OrderTotals,
} from '../domain/types.js';

export interface PlaceOrderInput {
  order_id: string;
  user_id: string;
  /** The cart version the order was priced from. */
  cart_version: number;
  lines: OrderLine[];
  totals: OrderTotals;
  fulfilment: Fulfilment;
  loyalty_tier: LoyaltyTier;
  /** The shop's tiers, so the customer's tier follows their new lifetime spend in the same transaction. */
  tiers: readonly TierRule[];
  created_at: string;
  /** When the order lapses unless paid. */
  expires_at: string;
  /** Unpaid orders a customer may hold at once. */
  max_unpaid: number;
  /** The conversation it is placed in; none for orders placed through the REST API. */
  session_id?: string | null;
  /** What unpaid orders may hold (holdRefusal in domain/holds.ts); checked per line, in the transaction. */
  holds?: HoldLimits;
  /** The client's address, kept with the order: `holds.per_address` counts unpaid orders placed from it. */
  placed_from?: string | null;
}

/**
 * An order from the shop's past (sample data, or an import from another system), stored as it stands:
 * a paid or later order counts as having taken its stock and credited its points and spend (already in
 * the customer's record), so cancelling it reverses exactly that; an unpaid one reserves its units.
 */
export type HistoricalOrder = Order;

/** The order `place` stores: awaiting payment, nothing shipped, paid or refunded yet. */
export function placedOrder(input: PlaceOrderInput): Order {
  return {
    ...input.totals,
    order_id: input.order_id,
    user_id: input.user_id,
    items: input.lines,
    status: 'pending_payment',
    fulfilment: input.fulfilment,
    loyalty_tier: input.loyalty_tier,
    created_at: input.created_at,
    expires_at: input.expires_at,
    updated_at: input.created_at,
    carrier: null,
    tracking_number: null,
    refund_amount: null,
    payment_ref: null,
    payment_url: null,
    payment_checkout: null,
    session_id: input.session_id ?? null,
  };
}

export type PlaceOrderResult =
  | { ok: true; order: Order; customer: Customer }
  | { ok: false; reason: 'CART_CHANGED' }
  | { ok: false; reason: 'TOO_MANY_UNPAID'; limit: number }
  | { ok: false; reason: 'OUT_OF_STOCK'; sku: string; available: number }
  | ({ ok: false; reason: 'HOLD_LIMIT'; sku: string } & HoldRefusal)
  | { ok: false; reason: 'INSUFFICIENT_POINTS'; balance: number };

export interface OrderTransition {
  order_id: string;
  to: OrderStatus;
  /** Only from this status (the one the caller saw): of racing callers, the first wins, the rest are refused. */
  from?: OrderStatus;
  at: string;
  /** Shipping details, when it goes to `fulfilled`. */
  carrier?: string;
  tracking_number?: string;
  /** The provider's reference for the payment, when it goes to `paid`. */
  payment_ref?: string;
  /**
   * The shop's tiers, what a point is worth and its currency's digits: paying credits the sale and
   * cancelling reverses it by these (creditSale, reverseSale in domain/sale-credit.ts).
   */
  program: CreditProgram;
}

export type TransitionResult =
  | {
      ok: true;
      order: Order;
      from: OrderStatus;
      customer: Customer | null;
      /** For a paid order cancelled: the money to give back, less points it earned that are spent since. */
      refund?: { amount: number; points_shortfall: number };
    }
  | { ok: false; reason: 'NOT_FOUND' }
  | { ok: false; reason: 'INVALID_TRANSITION'; from: OrderStatus };

/** Orders. `place` and `transition` are where money, points and stock move, each all or nothing. */
export interface OrderStore {
  /**
   * Atomically: checks the cart is still at `cart_version` and the customer holds fewer than
   * `max_unpaid` unpaid orders, reserves the units at the fulfilment location (refusing if any line
   * lacks stock, or if reserving it would break `holds`), holds the points it redeems, stores the order as `pending_payment`, and empties the
   * cart. Points earned, spend and tier wait for payment.
   */
  place(input: PlaceOrderInput): Promise<PlaceOrderResult>;
  /**
   * Moves an order along its lifecycle, atomically and only from the status it is in (so of two
   * callers racing, in any process, one wins): `paid` consumes the reservation and credits points,
   * spend, tier and purchase history; `cancelled` and `expired` put the units back, return held points
   * and reverse whatever the order credited.
   */
  transition(input: OrderTransition): Promise<TransitionResult>;
  /** Ids of unpaid orders whose payment time ran out by `now`, oldest first. */
  overdue(now: string, limit: number): Promise<string[]>;
  /** Points the customer's unpaid orders hold (redeemed, not yet paid for): still theirs, not spent. */
  heldPoints(userId: string): Promise<number>;
  /** Records a payment provider's event id; true the first time, false for a replay of one applied in full. */
  recordPaymentEvent(eventId: string, at: string): Promise<boolean>;
  /**
   * Marks a recorded event applied in full. Until then a replay of it counts as new again
   * (`recordPaymentEvent` is true), so an event whose applying was cut short - a crash, a provider that
   * failed - is applied when the provider sends it again.
   */
  finishPaymentEvent(eventId: string): Promise<void>;
  /**
   * Stores orders from the past as they stand (see HistoricalOrder); one already stored under the same
   * id is left alone, so importing twice changes nothing. Resolves with how many were new.
   */
  importHistory(orders: readonly HistoricalOrder[]): Promise<number>;
  /**
   * Changes where an order is delivered, only while it is in one of `while` (it has not shipped) and is
   * shipped rather than collected; null when it is not (any more), the order as it now stands otherwise.
   */
  changeAddress(input: {
    order_id: string;
    address: Address;
    while: readonly OrderStatus[];
  }): Promise<Order | null>;
  /**
   * Keeps the page where an unpaid order can be paid, and the provider's checkout behind it: only a
   * payment through that checkout pays the order.
   */
  setPaymentLink(orderId: string, link: { url: string; reference: string }): Promise<void>;
  get(orderId: string): Promise<Order | null>;
  listForUser(userId: string, limit?: number): Promise<Order[]>;
  list(query?: { status?: OrderStatus; limit?: number }): Promise<Order[]>;
  /**
   * How many orders are in each status and what their totals come to, counted where they are stored:
   * of all orders, or of those placed on the days of `placed` (each on the day it was placed in
   * `placed.timeZone`). Totals are summed in whole cents, each rounded to the cent first, so the sum
   * never drifts. A status with none is left out.
   */
  statusTotals(placed?: DayRange): Promise<StatusTotal[]>;
}

/** The orders in one status: how many, and their totals summed. */
export interface StatusTotal {
  status: OrderStatus;
  count: number;
  total: number;
}

declare module '../storage/storage.js' {
  interface Storage {
    /** Orders, their lines and their lifecycle. */
    orders: OrderStore;
  }
}
