import type { Feedback } from '../domain/feedback.js';
import type { TierRule } from '../domain/loyalty.js';
import type { ReturnRequest, ReturnStatus } from '../domain/returns.js';
import type { CreditProgram } from '../domain/sale-credit.js';
import type { HoldLimits, HoldRefusal } from '../domain/holds.js';
import type {
  Address,
  AuditEntry,
  BrowsingRecord,
  Cart,
  CartItem,
  Channel,
  ConversationEvent,
  ConversationHead,
  ConversationLog,
  ConversationStatus,
  ConversationMessage,
  Customer,
  Fulfilment,
  LoyaltyTier,
  Order,
  OrderLine,
  OrderStatus,
  OrderTotals,
  Product,
  SkuStock,
  StockLevel,
  Store,
} from '../domain/types.js';

/** Customers. `get` returns null on a miss; `upsert` replaces the whole record. */
export interface CustomerStore {
  get(userId: string): Promise<Customer | null>;
  upsert(customer: Customer): Promise<void>;
  /** Creates a guest record unless one exists; returns whichever is stored. */
  ensure(userId: string, guest: () => Customer): Promise<Customer>;
  /** Appends to the browsing history, keeping the newest `keep` records. */
  recordViews(userId: string, views: BrowsingRecord[], keep: number): Promise<void>;
  list(options?: { limit?: number; offset?: number }): Promise<Customer[]>;
  count(): Promise<number>;
}

export interface ProductQuery {
  /** Free text, matched against name, brand, category, description and tags. */
  text?: string;
  category?: string;
  brand?: string;
  color?: string;
  size?: string;
  min_price?: number;
  max_price?: number;
  featured_only?: boolean;
  /** Only products with at least one unit in any location. */
  in_stock_only?: boolean;
  exclude_ids?: string[];
  limit?: number;
  /** Load variants too (default true); ranking large candidate sets can skip them. */
  with_variants?: boolean;
}

/** The catalogue. Only active products are returned by `search`. */
export interface ProductStore {
  get(productId: string): Promise<Product | null>;
  getMany(productIds: readonly string[]): Promise<Product[]>;
  /** Text matches ranked by relevance, otherwise featured then popular first. */
  search(query: ProductQuery): Promise<Product[]>;
  /** Inserts or replaces products (with their variants) in one transaction. */
  upsertMany(products: readonly Product[]): Promise<void>;
  categories(): Promise<{ category: string; count: number }[]>;
  /** Brand names known to the catalogue, for understanding messages. */
  brands(): Promise<string[]>;
  count(): Promise<number>;
}

/** Stock per variant per location (stores and the online warehouse). */
export interface InventoryStore {
  stores(): Promise<Store[]>;
  getStore(storeId: string): Promise<Store | null>;
  upsertStores(stores: readonly Store[]): Promise<void>;
  stockForProduct(productId: string): Promise<StockLevel[]>;
  stockForProducts(productIds: readonly string[]): Promise<StockLevel[]>;
  /** Per-variant totals (all locations, and online), for showing availability at a glance. */
  skuTotals(productIds: readonly string[]): Promise<SkuStock[]>;
  /**
   * Sets what is on hand (imports, restocks). Units reserved for unpaid orders stay reserved: the
   * available quantity read back is the level less those.
   */
  setStock(levels: readonly StockLevel[]): Promise<void>;
}

export type AddItemResult =
  { ok: true; cart: Cart; item: CartItem } | { ok: false; reason: 'EXCEEDS_AVAILABLE'; in_cart: number };

/** One cart per customer. Every change is atomic and bumps the cart's version. */
export interface CartStore {
  get(userId: string): Promise<Cart>;
  /**
   * Adds `item.quantity` units of a variant (merging with the same variant already in the cart).
   * Refuses when the resulting quantity would exceed `max_quantity`; the check and the write are atomic.
   */
  addItem(userId: string, item: CartItem, maxQuantity: number): Promise<AddItemResult>;
  /** Sets a variant's quantity; 0 removes it. Returns null when the variant is not in the cart. */
  setQuantity(userId: string, sku: string, quantity: number): Promise<Cart | null>;
  /** Idempotent: removing what is absent is not an error. */
  removeItem(userId: string, sku: string): Promise<Cart>;
  clear(userId: string): Promise<Cart>;
}

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
  /** Orders placed in [from, to) (ISO times), oldest first. */
  placedBetween(from: string, to: string): Promise<Order[]>;
}

export type CreateReturnResult =
  | { ok: true; ret: ReturnRequest }
  /** Units of the order were returned meanwhile: quote again from `returnedUnits`. */
  | { ok: false; reason: 'CHANGED' }
  | { ok: false; reason: 'OUT_OF_STOCK'; sku: string; available: number };

export type ReceiveReturnResult =
  | {
      ok: true;
      ret: ReturnRequest;
      /** The customer after their points and spend moved; null when they are gone. */
      customer: Customer | null;
    }
  | { ok: false; reason: 'NOT_FOUND' }
  | { ok: false; reason: 'INVALID_TRANSITION'; from: ReturnStatus };

/** Returns and exchanges of delivered orders. Each change is atomic and only from the status it expects. */
export interface ReturnStore {
  /**
   * Stores a new return, atomically with two checks: the units of its order already in returns that
   * hold them are still `already` (CHANGED otherwise, so two returns racing never send back one unit
   * twice), and each exchange's new variant has the units at the order's location, which are reserved.
   */
  create(ret: ReturnRequest, already: Readonly<Record<string, number>>): Promise<CreateReturnResult>;
  /** Units of each of an order's skus in returns that hold them (all but rejected ones). */
  returnedUnits(orderId: string): Promise<Record<string, number>>;
  get(returnId: string): Promise<ReturnRequest | null>;
  /** Newest first. */
  list(query: {
    status?: ReturnStatus;
    user_id?: string;
    order_id?: string;
    limit?: number;
  }): Promise<ReturnRequest[]>;
  /**
   * Moves a return to `to` (approved, rejected, refunded or exchanged) only from one of `from`: the
   * return as it now stands, or null when it is in none of them. Rejecting puts back the units
   * reserved for its exchanges.
   */
  setStatus(input: {
    return_id: string;
    to: Exclude<ReturnStatus, 'requested' | 'received'>;
    from: readonly ReturnStatus[];
    at: string;
    instructions?: string;
    rejection_reason?: string;
    refund_ref?: string;
  }): Promise<ReturnRequest | null>;
  /**
   * The items arrived, atomically and only from `approved`: returned units are back on hand where the
   * order came from, exchange units reserved become sold, and the sale is reversed as far as it goes
   * back (reverseSale in domain/sale-credit.ts, with returnedSpend): redeemed points come back and
   * earned ones go, what was spent since comes off the refund, spend and tier go down.
   */
  receive(input: {
    return_id: string;
    at: string;
    program: CreditProgram;
    /** False when the items are not fit to sell again (damaged, faulty): they are not put back on hand. */
    restock?: boolean;
  }): Promise<ReceiveReturnResult>;
}

/** Conversation transcripts, appended to per turn. Each belongs to the customer who started it. */
export interface ConversationStore {
  /**
   * Appends to a conversation, starting it for `userId` when new. Refuses (NOT_FOUND, as if it did not
   * exist) when the session belongs to someone else: a conversation never changes hands.
   */
  append(sessionId: string, userId: string, channel: Channel, messages: ConversationMessage[]): Promise<void>;
  /** Who the conversation belongs to; null when there is none. */
  ownerOf(sessionId: string): Promise<string | null>;
  /**
   * Hands a conversation from `from` to `to`, atomically: true when it was `from`'s and now is `to`'s.
   * Only for a channel's guest joining the account that proved (or staff say) it owns the number or chat;
   * otherwise conversations never change hands.
   */
  transfer(sessionId: string, from: string, to: string): Promise<boolean>;
  /** The log with its newest `limit` messages (all when omitted); null on a miss. */
  get(sessionId: string, limit?: number): Promise<ConversationLog | null>;
  /** The conversation without its messages; null on a miss. */
  head(sessionId: string): Promise<ConversationHead | null>;
  /**
   * Moves a conversation to `to`, atomically and only from one of `from` (so of two operators claiming
   * at once, one wins): the conversation as it now stands, or null when it was in none of them.
   */
  setStatus(input: {
    session_id: string;
    to: ConversationStatus;
    from: readonly ConversationStatus[];
    at: string;
    /** The operator who claims it (`human`); cleared otherwise. */
    operator?: string | null;
    /** Why a person was asked for (`handoff`); kept until it is back with the assistant. */
    reason?: string;
  }): Promise<ConversationHead | null>;
  /**
   * Handoffs waiting since `before` or longer that are not tickets yet, each now made one (`ticket_at`),
   * atomically: of several processes sweeping at once, each conversation is returned to one.
   */
  takeOverdueHandoffs(before: string, at: string, limit: number): Promise<ConversationHead[]>;
  /** Conversations in a status (all when absent), the longest waiting first for `handoff`, else newest. */
  list(query: { status?: ConversationStatus; limit?: number }): Promise<ConversationHead[]>;
  /**
   * What happened after event `after` (0: from the start), oldest first: every message appended and
   * every status change, recorded with them. One conversation's, or - without `session_id` - the status
   * changes of all, with the messages written while a person was asked for or had it (the operators'
   * queue; marked when they happen, so a replay is what was streamed live).
   */
  events(query: { session_id?: string; after: number; limit?: number }): Promise<ConversationEvent[]>;
  /** The newest event's id (0 when none): where a stream that wants only what comes next starts. */
  lastEventId(): Promise<number>;
  /** The assistant's turns answered in [from, to) (ISO times), oldest first: what analytics counts. */
  turnsBetween(from: string, to: string): Promise<TurnRecord[]>;
  /** Every status change in [from, to), oldest first. */
  statusChangesBetween(
    from: string,
    to: string,
  ): Promise<{ session_id: string; status: ConversationStatus; at: string }[]>;
}

/** One answered turn as recorded in the transcript, for analytics. */
export interface TurnRecord {
  session_id: string;
  user_id: string;
  channel: Channel;
  at: string;
  intent: string;
  /** How long the turn took; null for turns recorded before this was kept. */
  ms: number | null;
  /** Products it showed, and whether it put one in the cart. */
  shown: number;
  added: boolean;
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
}

/** An append-only record of agent actions on carts, orders and points. */
export interface AuditStore {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(query?: { user_id?: string; limit?: number }): Promise<AuditEntry[]>;
}

/** How a channel knows a person: a phone number (WhatsApp, SMS) or a Telegram chat. */
export type IdentityKind = 'phone' | 'telegram';

/** Who is working on a message, until when, and the time now (ISO strings compare in order). */
export interface MessageLease {
  owner: string;
  until: string;
  now: string;
}

/** A code sent over a channel to prove that a phone number or chat is the customer's. */
export interface IdentityVerification {
  id: string;
  user_id: string;
  kind: IdentityKind;
  value: string;
  /** sha256 of `${id}:${code}`: the code itself is never stored. */
  code_hash: string;
  sent_at: string;
  expires_at: string;
  /** Wrong or right, every try at the code counts. */
  tries: number;
  used: boolean;
  /** The client address that asked for it (null for codes kept by earlier versions). */
  ip: string | null;
  /** When it was last tried; null until then. */
  last_try_at: string | null;
}

/** Which codes to count: to one identity, for one customer, asked from one address, or all the shop's. */
export type VerificationQuery = { since: string } & (
  { user_id: string } | { kind: IdentityKind; value: string } | { ip: string } | { all: true }
);

/** Inbound channel messages (for exactly-once processing) and the identities that map people to customers. */
export interface ChannelStore {
  /**
   * Keeps an inbound message until it is answered, leased to `lease.owner` until `lease.until`.
   * `new` the first time; `retry` for a redelivery of one never answered whose lease has run out (leased
   * again, to this owner); `duplicate` for anything else, however many copies arrive at once.
   */
  receiveMessage(
    channel: string,
    messageId: string,
    payload: unknown,
    lease: MessageLease,
  ): Promise<'new' | 'retry' | 'duplicate'>;
  /**
   * Takes or renews the lease on an unanswered message: true when it is now `lease.owner`'s, false when
   * it has been answered or another owner's lease is still running.
   */
  leaseMessage(channel: string, messageId: string, lease: MessageLease): Promise<boolean>;
  /**
   * Unanswered messages whose lease ran out (their process died, or is stuck), oldest first, now leased
   * to `lease.owner`: those never answered, and those whose reply was in flight (`sending`), which are
   * sent again - a customer may get a reply twice, never none (at-least-once delivery).
   */
  takeAbandoned(
    lease: MessageLease,
    limit: number,
  ): Promise<{ channel: string; message_id: string; payload: unknown }[]>;
  /**
   * Marks a part of the message's reply in flight (`sending`) just before its request leaves, renewing
   * `lease.owner`'s lease: false when the message is answered or another owner's lease is running (then
   * nothing may be sent).
   */
  markSending(channel: string, messageId: string, lease: MessageLease): Promise<boolean>;
  /**
   * Records that the platform took the reply's first `parts` parts: `processed` when that was the last,
   * else `received` again (unanswered, nothing in flight) so a resend carries on from the next part.
   */
  markSent(channel: string, messageId: string, parts: number, last: boolean): Promise<void>;
  /** How many parts of the message's reply the platform took (0 for none, or an unknown message). */
  sentParts(channel: string, messageId: string): Promise<number>;
  markMessage(
    channel: string,
    messageId: string,
    status: 'processed' | 'failed' | 'send_failed' | 'rate_limited',
  ): Promise<void>;
  /**
   * Where a claimed message stands (`received` until answered, `sending` while a part of its reply is in
   * flight); null for one never claimed.
   */
  messageStatus(channel: string, messageId: string): Promise<string | null>;
  /** The customer an identity belongs to; null when unknown. */
  findIdentity(kind: IdentityKind, value: string): Promise<string | null>;
  /** Links an identity to a customer (replacing any earlier link). */
  linkIdentity(kind: IdentityKind, value: string, userId: string): Promise<void>;
  /**
   * The conversation a channel sender writes in: a random session id, made on their first message and
   * the same ever after (never derived from the phone number or chat id, so nobody can guess it).
   */
  sessionFor(channel: string, sender: string): Promise<string>;
  /** The sender's conversation id if they have one; unlike `sessionFor`, never makes one. */
  existingSession(channel: string, sender: string): Promise<string | null>;
  /**
   * Gives the sender a new conversation id in place of `stale` (one that belongs to someone else now),
   * atomically: of several callers at once all get the same new id. Resolves with the sender's current id.
   */
  renewSession(channel: string, sender: string, stale: string): Promise<string>;
  /** Who writes in a channel conversation, to reach them there unprompted; null for other sessions. */
  senderOf(sessionId: string): Promise<{ channel: string; sender: string } | null>;
  addVerification(verification: IdentityVerification): Promise<void>;
  /** Codes sent after `since` (ISO time) that match the query: how many, and when the oldest went. */
  verificationsSent(query: VerificationQuery): Promise<{ count: number; oldest: string | null }>;
  /**
   * Wrong tries at codes sent to this identity since `since`, and when the last try was (null for none):
   * what locks an identity that someone keeps guessing at.
   */
  verificationFailures(
    kind: IdentityKind,
    value: string,
    since: string,
  ): Promise<{ failures: number; last_try_at: string | null }>;
  /** The newest code sent to this identity for this customer; null when none. */
  latestVerification(userId: string, kind: IdentityKind, value: string): Promise<IdentityVerification | null>;
  /**
   * Counts one try at a code (made at `at`), atomically, while it has had fewer than `max`: resolves with
   * the tries so far, this one included, or null when it had no tries left (that try is not counted, so
   * hammering a spent code adds nothing to a number's failures).
   */
  recordTry(id: string, at: string, max: number): Promise<number | null>;
  /** Marks a code used; true only for the one caller that did it. */
  useVerification(id: string): Promise<boolean>;
}

/** What customers thought, as they said it or rated it. */
export interface FeedbackStore {
  /**
   * Keeps feedback. A conversation has one rating (`source: 'rating'`): rating it again replaces the
   * earlier rating, which keeps its place in the list no more.
   */
  add(feedback: Feedback): Promise<void>;
  /** Newest first; `max_rating` keeps rated ones at or below it (the unhappy ones). */
  list(query: { max_rating?: number; user_id?: string; limit?: number }): Promise<Feedback[]>;
}

/** Everything the engine stores, behind one handle that owns the connection. */
export interface Storage {
  readonly kind: 'sqlite' | 'mongodb';
  customers: CustomerStore;
  products: ProductStore;
  inventory: InventoryStore;
  carts: CartStore;
  orders: OrderStore;
  returns: ReturnStore;
  feedback: FeedbackStore;
  conversations: ConversationStore;
  audit: AuditStore;
  channels: ChannelStore;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
