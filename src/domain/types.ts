/** Domain types. Field names follow the storage schema (snake_case), so documents map one to one. */

export const LOYALTY_TIERS = ['bronze', 'silver', 'gold', 'platinum'] as const;
export type LoyaltyTier = (typeof LOYALTY_TIERS)[number];

export const CHANNELS = ['web', 'whatsapp', 'telegram', 'sms', 'cli', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The channels whose client draws a reply's products as cards: the chat page and the widget. Replies there
 * don't repeat in text what the cards show; WhatsApp, Telegram, SMS, the terminal and the API get it all in text.
 */
const CARD_CHANNELS: ReadonlySet<Channel> = new Set(['web']);
export const showsCards = (channel: Channel): boolean => CARD_CHANNELS.has(channel);

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface CustomerPreferences {
  categories?: string[];
  brands?: string[];
  colors?: string[];
  sizes?: string[];
  budget_max?: number;
}

export interface PurchaseRecord {
  product_id: string;
  name: string;
  category: string;
  brand: string;
  price: number;
  quantity: number;
  purchased_at: string;
}

export interface BrowsingRecord {
  product_id: string;
  category: string;
  brand: string;
  viewed_at: string;
}

export interface Customer {
  user_id: string;
  name: string;
  email: string;
  loyalty_tier: LoyaltyTier;
  loyalty_points: number;
  total_spent: number;
  preferences: CustomerPreferences;
  past_purchases: PurchaseRecord[];
  browsing_history: BrowsingRecord[];
  location: GeoPoint | null;
  communication_preferences: Record<string, unknown>;
  /** Where orders ship by default, when the customer has saved an address. */
  shipping_address?: Address | null;
  is_guest: boolean;
  created_at: string;
  updated_at: string;
}

export interface ProductVariant {
  sku: string;
  color: string | null;
  size: string | null;
  /** The variant's own unit price in dollars; absent or null, it sells at the product's `price`. */
  price?: number | null;
  /**
   * What it sold at before a sale, shown struck through only when greater than the price it sells at
   * (see `variantPrice`); absent or null when it is not on sale.
   */
  compare_at_price?: number | null;
}

export interface Product {
  product_id: string;
  name: string;
  description: string;
  /**
   * The price the product is shown at, in dollars, and what price filters and sorting use: the unit price
   * of every variant without one of its own, and never above a variant's own price, so it is the lowest
   * the product sells at (a "from" price when variants differ). Writers keep it so; the importer sets it
   * to the lowest variant price. What a SKU costs comes from `skuPrice`, never from this alone.
   */
  price: number;
  category: string;
  brand: string;
  status: 'active' | 'inactive';
  is_featured: boolean;
  image_url: string;
  tags: string[];
  attributes: Record<string, string | number | boolean>;
  variants: ProductVariant[];
  rating: number;
  /** Units sold: drives the popular fallback. */
  popularity: number;
  created_at: string;
  updated_at: string;
}

/** The online warehouse is a stock location like a store, with this id. */
export const ONLINE_LOCATION = 'online';

export interface Store {
  store_id: string;
  name: string;
  address: string;
  city: string;
  location: GeoPoint;
  same_day_delivery: boolean;
  opening_hours: string;
}

export interface StockLevel {
  sku: string;
  product_id: string;
  location_id: string;
  quantity: number;
}

/** One variant's units: everywhere, and in the online warehouse. */
export interface SkuStock {
  sku: string;
  product_id: string;
  online: number;
  total: number;
}

export interface CartItem {
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  /** Catalogue price when added; checkout prices from the catalogue again. */
  price: number;
  color: string | null;
  size: string | null;
  added_at: string;
}

export interface Cart {
  user_id: string;
  items: CartItem[];
  /** Bumped on every change; checkout commits only the cart it priced. */
  version: number;
  updated_at: string;
}

/** A postal address for delivery; the fields a parcel needs. */
export interface Address {
  line1: string;
  city: string;
  postal_code: string;
  region?: string;
  country?: string;
}

/**
 * How an order reaches the customer. Orders placed before delivery details were kept have none of the
 * optional fields; `contact` is the email or phone a guest gave for order updates.
 */
export type Fulfilment =
  | { type: 'ship'; method?: string; address?: Address; contact?: string }
  | { type: 'pickup'; store_id: string; contact?: string };

export interface OrderLine {
  product_id: string;
  sku: string;
  name: string;
  color: string | null;
  size: string | null;
  quantity: number;
  unit_price: number;
  line_total: number;
}

export interface OrderTotals {
  subtotal: number;
  tier_discount_rate: number;
  tier_discount: number;
  points_redeemed: number;
  points_discount: number;
  shipping: number;
  /** Tax added on top of the prices; 0 when they include it. */
  tax: number;
  total: number;
  points_earned: number;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'fulfilled' | 'delivered' | 'cancelled' | 'expired';

export interface Order extends OrderTotals {
  order_id: string;
  user_id: string;
  items: OrderLine[];
  status: OrderStatus;
  fulfilment: Fulfilment;
  loyalty_tier: LoyaltyTier;
  created_at: string;
  /** When an unpaid order lapses; null for orders from before payment deadlines existed. */
  expires_at: string | null;
  updated_at: string;
  /** Set when it ships. */
  carrier: string | null;
  tracking_number: string | null;
  /** What a cancelled paid order gives back, in money; null when nothing was paid. */
  refund_amount: number | null;
  /** The payment provider's reference for the payment (a Stripe payment intent); null when none. */
  payment_ref: string | null;
  /** The page where it can be paid while unpaid, when the shop takes payment online. */
  payment_url: string | null;
  /** The provider's checkout behind that page (a Stripe Checkout Session id): only it pays the order. */
  payment_checkout: string | null;
  /** The conversation it was placed in, where the customer is told what happens to it later. */
  session_id: string | null;
}

export type MessageRole = 'user' | 'assistant' | 'system';

export interface ConversationMessage {
  role: MessageRole;
  content: string;
  timestamp: string;
  agent_name: string | null;
  metadata: Record<string, unknown>;
}

/**
 * Who answers a conversation: the assistant (`bot`); nobody yet, a person was asked for (`handoff`); a
 * person (`human`, claimed by an operator); or nobody, it was closed (`closed`; a new message reopens it
 * with the assistant).
 */
export type ConversationStatus = 'bot' | 'handoff' | 'human' | 'closed';

/** A conversation without its messages, as the operator's lists show it. */
export interface ConversationHead {
  session_id: string;
  user_id: string;
  channel: Channel;
  status: ConversationStatus;
  /** The operator who claimed it, while `human`. */
  operator: string | null;
  /** Why a person was asked for: the customer asked, a complaint, not understood twice. */
  handoff_reason: string | null;
  /** When it reached its status. */
  status_at: string;
  /** When a handoff nobody took in time became an open ticket (the customer was told); null otherwise. */
  ticket_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Something that happened in a conversation, numbered in order across all conversations (so a stream
 * resumes after the last one it saw): a message, whoever wrote it, or a change of who answers.
 */
export type ConversationEvent =
  | { id: number; session_id: string; type: 'message'; at: string; data: ConversationMessage }
  | {
      id: number;
      session_id: string;
      type: 'status';
      at: string;
      data: { status: ConversationStatus; operator: string | null; reason: string | null };
    };

export interface ConversationLog extends ConversationHead {
  messages: ConversationMessage[];
  metadata: Record<string, unknown>;
}

export type AuditAction =
  | 'cart.add'
  | 'cart.update'
  | 'cart.remove'
  | 'cart.clear'
  | 'order.place'
  | 'points.redeem'
  | 'order.status'
  | 'order.address'
  /** A payment that did not match its order (checkout, amount or currency), refused and sent back. */
  | 'order.payment_refused'
  | 'return.request'
  | 'return.status'
  | 'identity.link';

/** One agent action that changed money or stock: who, when, what. Never secrets or payment data. */
export interface AuditEntry {
  at: string;
  /** Who acted: `customer:<id>`, `admin:<id>`, `service:<key id>`, `chat:<channel>`, or `local`. */
  actor: string;
  user_id: string;
  action: AuditAction;
  details: Record<string, string | number | boolean | null>;
}
