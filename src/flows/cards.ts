import type { CheckoutSummary } from '../agents/cart/cart-agent.js';
import type { CartView } from '../agents/cart/cart-view.js';
import type { Availability, StoreListing } from '../agents/inventory/inventory-agent.js';
import type { LoyaltyQuote, LoyaltyStatus } from '../agents/loyalty/loyalty-agent.js';
import type { ProductDetails } from '../agents/recommendation/recommendation-agent.js';
import { chooseOnCard, type ProductCard } from '../agents/shared/product-card.js';
import type { ConversationStatus, Order } from '../domain/types.js';
import type { AgentResults } from './conversation.js';
import type { Entities } from '../nlu/port.js';

/** Structured results of a turn, for a UI to draw cards from. Absent keys had nothing to show. */
export interface ResponseData {
  products?: ProductCard[];
  product?: ProductDetails;
  cart?: CartView;
  inventory?: Availability;
  stores?: StoreListing[];
  loyalty?: LoyaltyStatus;
  loyalty_quote?: LoyaltyQuote;
  redemption?: { ok: boolean; points: number; max_points?: number };
  order?: Order;
  /** A checkout summary waiting for the customer's "yes" (a confirm button), until `expires_at`. */
  checkout?: { summary: CheckoutSummary; expires_at: string };
  orders?: Order[];
  /** Who answers now: `handoff` (a person was asked for) or `human`; absent while the assistant does. */
  handoff?: { status: ConversationStatus };
  /** Set when the agent asked which colour or size. */
  needs?: { product_id: string; missing: ('color' | 'size')[]; colors: string[]; sizes: string[] };
  understanding: { intent: string; confidence: number; entities: Entities; source: string };
}

/** What the customer asked a product in: this turn's colour and size, else the browse filters carried. */
export interface AskedOptions {
  color?: string | undefined;
  size?: string | undefined;
}

/**
 * Product cards start on the colour and size the customer asked for ("hoodies in medium" shows size M
 * chosen), never on one that can't be ordered (see `chooseOnCard`).
 */
export function withChoices<T extends Pick<ResponseData, 'products' | 'product'>>(
  data: T,
  asked: AskedOptions,
): T {
  const choose = <C extends ProductCard>(card: C): C => {
    const preselect = chooseOnCard(card, asked);
    return preselect ? { ...card, preselect } : card;
  };
  return {
    ...data,
    ...(data.products ? { products: data.products.map(choose) } : {}),
    ...(data.product ? { product: choose(data.product) } : {}),
  };
}

/** The cards a turn's agent results make; a flow with results of its own maps them itself. */
export function cardsOf(r: AgentResults): Omit<ResponseData, 'understanding'> {
  const data: Omit<ResponseData, 'understanding'> = {};
  if (r.recommendation?.kind === 'recommendations') data.products = r.recommendation.products;
  if (r.recommendation?.kind === 'details') data.product = r.recommendation.product;
  if (r.inventory?.kind === 'availability') data.inventory = r.inventory.availability;
  if (r.inventory?.kind === 'stores') data.stores = r.inventory.stores;
  const cart = r.cart;
  if (cart?.kind === 'view') data.cart = cart.cart;
  if (cart?.kind === 'change') data.cart = cart.result.cart;
  if (cart?.kind === 'orders' || cart?.kind === 'order_choose') data.orders = cart.orders;
  if (cart?.kind === 'order_detail') data.orders = [cart.order];
  if (cart?.kind === 'add') {
    const a = cart.result;
    if (a.status === 'added') data.cart = a.cart;
    if (a.status === 'needs_variant') {
      data.needs = { product_id: a.product_id, missing: a.missing, colors: a.colors, sizes: a.sizes };
    }
  }
  if (cart?.kind === 'checkout' && cart.result.status === 'placed') data.order = cart.result.order;
  if (r.handoff && r.handoff.status !== 'bot') data.handoff = { status: r.handoff.status };
  const loyalty = r.loyalty;
  if (loyalty?.kind === 'status') {
    data.loyalty = loyalty.status;
    if (loyalty.quote) data.loyalty_quote = loyalty.quote;
  }
  if (loyalty?.kind === 'quote') data.loyalty_quote = loyalty.quote;
  if (loyalty?.kind === 'redemption') {
    data.redemption = loyalty.check.ok
      ? { ok: true, points: loyalty.check.points }
      : { ok: false, points: loyalty.requested, max_points: loyalty.check.max_points };
  }
  return data;
}
