import type { FeedbackService } from '../feedback/feedback-service.js';
import type { HandoffService } from '../handoff/handoff-service.js';
import type { CartAgent } from '../agents/cart/cart-agent.js';
import type { InventoryAgent } from '../agents/inventory/inventory-agent.js';
import type { LoyaltyAgent } from '../agents/loyalty/loyalty-agent.js';
import type { RecommendationAgent } from '../agents/recommendation/recommendation-agent.js';
import type { OrderService } from '../orders/order-service.js';
import type { ReturnService } from '../returns/return-service.js';
import type { WishlistService } from '../wishlist/wishlist-service.js';

/** The worker agents the graph dispatches to. */
export interface Agents {
  recommendation: RecommendationAgent;
  inventory: InventoryAgent;
  cart: CartAgent;
  loyalty: LoyaltyAgent;
  /** The order lifecycle: cancelling, paying, shipping, expiring. */
  orders: OrderService;
  /** Returns and exchanges of delivered orders. */
  returns: ReturnService;
  /** Passing a conversation to a person and back. */
  handoff: HandoffService;
  /** What customers thought, kept for the shop's team. */
  feedback: FeedbackService;
  /** Products customers saved for later. */
  wishlist: WishlistService;
}
