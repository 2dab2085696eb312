import { createCartAgent } from '../agents/cart/cart-agent.js';
import { createInventoryAgent } from '../agents/inventory/inventory-agent.js';
import { createLoyaltyAgent } from '../agents/loyalty/loyalty-agent.js';
import { createRecommendationAgent } from '../agents/recommendation/recommendation-agent.js';
import type { MessageTemplate } from '../channels/types.js';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { currencyDigits, moneyFormatter } from '../domain/money.js';
import { createFeedbackService } from '../feedback/feedback-service.js';
import { contactText } from '../shop/contact-text.js';
import type { Agents } from '../flows/agents.js';
import { createHandoffService } from '../handoff/handoff-service.js';
import type { CustomerNotices } from '../notices/customer-notices.js';
import { createOrderService, type OrderServiceSettings } from '../orders/order-service.js';
import { createReturnService } from '../returns/return-service.js';
import { createWishlistService } from '../wishlist/wishlist-service.js';
import { createShopContext } from '../shop/shop-context.js';
import type { Storage } from '../storage/ports.js';

/** The approved WhatsApp template for writing after the 24-hour window, when the shop has one. */
export const whatsappTemplateOf = (config: Config): MessageTemplate | undefined =>
  config.WHATSAPP_REPLY_TEMPLATE
    ? { name: config.WHATSAPP_REPLY_TEMPLATE, language: config.WHATSAPP_TEMPLATE_LANGUAGE }
    : undefined;

/**
 * The agents and services the graph dispatches to, over the storage ports. Customer notices come in
 * ready-made: they are built from the channels' sending side before the agents.
 */
export function createAgents(
  storage: Storage,
  config: Config,
  now: Clock,
  wiring: Pick<OrderServiceSettings, 'payments' | 'logger'> & {
    /** Reaches customers on their channel: order and return news, operators' replies. */
    notices?: CustomerNotices | undefined;
  } = {},
): Agents {
  const loyalty = {
    ...config.agents.loyalty_agent,
    ...config.shop.loyalty,
    digits: currencyDigits(config.shop.currency),
  };
  return {
    recommendation: createRecommendationAgent({
      products: storage.products,
      inventory: storage.inventory,
      settings: config.agents.recommendation_agent,
    }),
    inventory: createInventoryAgent({
      products: storage.products,
      inventory: storage.inventory,
      settings: config.agents.inventory_agent,
      shop: config.shop,
      now,
    }),
    cart: createCartAgent({
      products: storage.products,
      inventory: storage.inventory,
      carts: storage.carts,
      orders: storage.orders,
      loyalty,
      shop: config.shop,
      payment: {
        minutes: config.ORDER_PAYMENT_TIMEOUT_MINUTES,
        max_unpaid: config.MAX_UNPAID_ORDERS,
        unpaid_share: config.UNPAID_STOCK_SHARE,
        guest: {
          minutes: config.GUEST_ORDER_PAYMENT_TIMEOUT_MINUTES,
          units_per_variant: config.GUEST_MAX_UNITS_PER_VARIANT,
          units_per_address: config.GUEST_MAX_UNITS_PER_ADDRESS,
        },
      },
      audit: storage.audit,
      now,
    }),
    loyalty: createLoyaltyAgent({ settings: loyalty }),
    orders: createOrderService(storage, {
      tiers: config.shop.loyalty.tiers,
      point_value: config.agents.loyalty_agent.point_value,
      currency_digits: currencyDigits(config.shop.currency),
      currency: config.shop.currency,
      money: moneyFormatter(config.shop.currency, config.shop.locale),
      ...(wiring.payments ? { payments: wiring.payments } : {}),
      ...(wiring.logger ? { logger: wiring.logger } : {}),
      tell: (sessionId, text) =>
        wiring.notices?.tell(sessionId, text, { agent: 'orders', tag: 'order' }) ?? Promise.resolve(),
      now,
    }),
    returns: createReturnService(storage, {
      shop: createShopContext(config.shop, now, config.PAYMENT_PROVIDER),
      tiers: config.shop.loyalty.tiers,
      point_value: config.agents.loyalty_agent.point_value,
      ...(wiring.payments ? { payments: wiring.payments } : {}),
      ...(wiring.logger ? { logger: wiring.logger } : {}),
      tell: (sessionId, text) =>
        wiring.notices?.tell(sessionId, text, { agent: 'returns', tag: 'return' }) ?? Promise.resolve(),
    }),
    feedback: createFeedbackService(storage, { now }),
    wishlist: createWishlistService({ ...storage, now }),
    handoff: createHandoffService(storage, wiring.notices, {
      shopName: config.shop.name,
      timeoutMinutes: config.HANDOFF_TIMEOUT_MINUTES,
      contact: contactText(createShopContext(config.shop, now, config.PAYMENT_PROVIDER)),
      webhookUrl: config.HANDOFF_WEBHOOK_URL,
      whatsappTemplate: whatsappTemplateOf(config),
      now,
      ...(wiring.logger ? { logger: wiring.logger } : {}),
    }),
  };
}
