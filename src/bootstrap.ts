import { currencyDigits, moneyFormatter } from './domain/money.js';
import { createShopContext } from './shop/shop-context.js';
import { contactText } from './flows/shared/fulfilment-text.js';
import { Redis } from 'ioredis';
import { createCartAgent } from './agents/cart/cart-agent.js';
import { createInventoryAgent } from './agents/inventory/inventory-agent.js';
import { createLoyaltyAgent } from './agents/loyalty/loyalty-agent.js';
import { createRecommendationAgent } from './agents/recommendation/recommendation-agent.js';
import { createChannels, type Channels } from './channels/channels.js';
import { createChannelDispatcher } from './channels/dispatcher.js';
import type { Fetch } from './channels/http-client.js';
import { createChannelHandover } from './identities/handover.js';
import { createIdentityCodes, type IdentityCodes } from './identities/identity-codes.js';
import { createCustomerNotices, type CustomerNotices } from './notices/customer-notices.js';
import { createHandoffService } from './handoff/handoff-service.js';
import { createReturnService } from './returns/return-service.js';
import { createFeedbackService } from './feedback/feedback-service.js';
import { createOrderService, type OrderService, type OrderServiceSettings } from './orders/order-service.js';
import type { StripePayments } from './payments/stripe.js';
import type { MessageTemplate } from './channels/types.js';
import type { Config } from './config.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { createSalesEngine, type SalesEngine } from './engine.js';
import { systemClock, type Clock } from './domain/clock.js';
import type { Agents } from './flows/agents.js';
import type { Logger } from './logger.js';
import { createLanguageModel, type LanguageModel } from './llm/language-model.js';
import { createHybridUnderstander } from './nlu/model/hybrid.js';
import { createModelUnderstander } from './nlu/model/model-understander.js';
import { createEntityMapper } from './nlu/model/vocabulary.js';
import { createOfflineNlu } from './nlu/offline/offline-nlu.js';
import { INTENT_DEFINITIONS } from './flows/registry.js';
import { createModelPhraser, type Phraser } from './replies/model-phraser.js';
import type { Understander } from './nlu/port.js';
import type { EventBus } from './events/event-bus.js';
import { createInProcessEventBus } from './events/in-process-event-bus.js';
import { withEventNotices } from './events/notify-on-write.js';
import type { Storage } from './storage/ports.js';
import { createStorageBackend } from './storage/create-backend.js';

/** Everything a running service holds; `close` releases it. */
export interface AppContext {
  config: Config;
  storage: Storage;
  /** Tells live streams that conversation events were written (this process only, for now). */
  events: EventBus;
  understander: Understander;
  agents: Agents;
  engine: SalesEngine;
  logger: Logger;
  /** Present when a language model is configured (hybrid or llm mode). */
  languageModel?: LanguageModel;
  /** Present when REDIS_URL is set: shared rate limits. */
  redis?: Redis;
  channels: Channels;
  /** Linking phone numbers and Telegram chats to customers with a code. */
  identities: IdentityCodes;
  /** The order lifecycle: status changes, cancellations, expiry of unpaid orders. */
  orders: OrderService;
  /** Present when PAYMENT_PROVIDER=stripe: verifies its webhooks. */
  payments?: StripePayments;
  /** Prometheus metrics of this process. */
  metrics: Metrics;
  /** The clock everything here reads (a test's, or the real one). */
  now: Clock;
  close(): Promise<void>;
}

/** The payment provider the configuration names; Stripe's SDK loads only when it is used. */
export async function createPayments(config: Config, now: Clock): Promise<StripePayments | undefined> {
  if (config.PAYMENT_PROVIDER !== 'stripe') return undefined;
  const { createStripePayments } = await import('./payments/stripe.js');
  return createStripePayments({
    secretKey: config.STRIPE_SECRET_KEY ?? '',
    webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? '',
    currency: config.shop.currency,
    shopName: config.shop.name,
    successUrl: config.STRIPE_SUCCESS_URL,
    apiUrl: config.STRIPE_API_BASE_URL,
    now,
  });
}

export function createAgents(
  storage: Storage,
  config: Config,
  now: Clock,
  wiring: Pick<OrderServiceSettings, 'payments' | 'logger'> & {
    /** Reaches customers on their channel; the channels come up after the agents. */
    notices?: () => CustomerNotices | undefined;
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
        wiring.notices?.()?.tell(sessionId, text, { agent: 'orders', tag: 'order' }) ?? Promise.resolve(),
      now,
    }),
    returns: createReturnService(storage, {
      shop: createShopContext(config.shop, now),
      tiers: config.shop.loyalty.tiers,
      point_value: config.agents.loyalty_agent.point_value,
      ...(wiring.payments ? { payments: wiring.payments } : {}),
      ...(wiring.logger ? { logger: wiring.logger } : {}),
      tell: (sessionId, text) =>
        wiring.notices?.()?.tell(sessionId, text, { agent: 'returns', tag: 'return' }) ?? Promise.resolve(),
    }),
    feedback: createFeedbackService(storage, { now }),
    handoff: createHandoffService(storage, () => wiring.notices?.(), {
      shopName: config.shop.name,
      timeoutMinutes: config.HANDOFF_TIMEOUT_MINUTES,
      contact: contactText(createShopContext(config.shop, now)),
      webhookUrl: config.HANDOFF_WEBHOOK_URL,
      whatsappTemplate: whatsappTemplateOf(config),
      now,
      ...(wiring.logger ? { logger: wiring.logger } : {}),
    }),
  };
}

/** Catalogue words the understander should know: the shop's categories, brands and store cities. */
async function catalogueVocabulary(storage: Storage) {
  const [categories, brands, stores] = await Promise.all([
    storage.products.categories(),
    storage.products.brands(),
    storage.inventory.stores(),
  ]);
  return {
    categories: categories.map((c) => c.category),
    brands,
    places: stores.map((s) => ({ name: s.city, lat: s.location.lat, lng: s.location.lng })),
  };
}

/** How often unpaid orders are checked for having run out of time. */
const EXPIRY_INTERVAL_MS = 60_000;

/** How often unanswered channel messages whose lease ran out are looked for. */
const RECOVERY_INTERVAL_MS = 30_000;

/** Offline answers below this share of known words go to the model (other languages, new words). */
const MIN_COVERAGE = 0.6;

function withLanguageModel(
  config: Config,
  lm: LanguageModel,
  offline: Understander,
  vocabulary: Awaited<ReturnType<typeof catalogueVocabulary>>,
  logger: Logger,
): { understander: Understander; phraser: Phraser } {
  const mode = config.llm.mode === 'llm' ? 'llm' : 'hybrid';
  const understander = createHybridUnderstander({
    offline,
    model: createModelUnderstander({
      model: lm.model,
      prices: lm.prices,
      mapper: createEntityMapper(vocabulary),
      intents: INTENT_DEFINITIONS,
    }),
    settings: {
      mode,
      confidenceThreshold: config.agents.recommendation_agent.confidence_threshold,
      minCoverage: MIN_COVERAGE,
    },
    logger,
  });
  // In llm mode "auto" means every reply: that is what the mode is for.
  const policy = mode === 'llm' && config.LLM_PHRASING === 'auto' ? 'always' : config.LLM_PHRASING;
  return {
    understander,
    phraser: createModelPhraser({ model: lm.model, prices: lm.prices, policy, logger }),
  };
}

/**
 * The composition root: opens storage (seeding the sample shop into an empty database when asked),
 * trains the offline understander and wires agents into the engine.
 */
export async function createAppContext(
  config: Config,
  logger: Logger,
  options: {
    seedIfEmpty?: boolean;
    understander?: Understander;
    fetch?: Fetch;
    /** The language model's HTTP client (tests and the bench fake the model with it). */
    modelFetch?: Fetch;
    /** The shop's clock: opening hours and confirmation windows are read against it. */
    now?: Clock;
  } = {},
): Promise<AppContext> {
  const now = options.now ?? systemClock;
  const events = createInProcessEventBus({
    onError: (error) => logger.error({ err: error }, 'event notice listener failed'),
  });
  // Conversation state lives in the same database, through the backend's LangGraph checkpointer.
  const backend = await createStorageBackend(config, { now });
  for (const upgrade of backend.upgrades)
    logger.info({ conversations: upgrade.conversations }, upgrade.message);
  const { checkpointer, storage: opened } = backend;
  // Every conversation write (turns, operators, notices, channels) wakes the streams that show it. A
  // write by another process is not heard: streams find it on their periodic re-check until a bus
  // shared between instances exists.
  const storage = { ...opened, conversations: withEventNotices(opened.conversations, events) };
  if (options.seedIfEmpty && (await storage.products.count()) === 0) {
    logger.info({ path: config.SQLITE_PATH }, 'empty database: loading the sample shop');
    // The sample generator loads only when there is an empty database to fill.
    const { seedSampleData } = await import('./data/seed.js');
    const summary = await seedSampleData(storage, {
      now: now(),
      paymentMinutes: config.ORDER_PAYMENT_TIMEOUT_MINUTES,
    });
    logger.info(summary, 'sample shop loaded');
  }
  const vocabulary = await catalogueVocabulary(storage);
  const started = performance.now();
  const offline =
    options.understander ??
    (await createOfflineNlu({
      intents: INTENT_DEFINITIONS,
      ...vocabulary,
      ...(config.NLU_CACHE_DIR ? { cacheDir: config.NLU_CACHE_DIR } : {}),
    }));
  logger.debug({ ms: Math.round(performance.now() - started) }, 'understanding ready');
  const languageModel =
    (await createLanguageModel(config, logger, { fetch: options.modelFetch })) ?? undefined;
  const { understander, phraser } = languageModel
    ? withLanguageModel(config, languageModel, offline, vocabulary, logger)
    : { understander: offline, phraser: undefined };
  const payments = await createPayments(config, now);
  // Customers are told what becomes of their orders, and operators' replies, in their conversation on
  // their channel: the channels come up after the agents, so they are reached through this.
  const late: { notices?: CustomerNotices } = {};
  const agents = createAgents(storage, config, now, {
    ...(payments ? { payments } : {}),
    logger,
    notices: () => late.notices,
  });
  const metrics = createMetrics({
    storage,
    ...(languageModel ? { circuit: () => languageModel.model.circuit() } : {}),
  });
  const engine = createSalesEngine({
    onTurn: (turn) => metrics.observeTurn(turn),
    storage,
    understander,
    agents,
    checkpointer,
    settings: { confidence_threshold: config.agents.recommendation_agent.confidence_threshold },
    shop: createShopContext(config.shop, now),
    ...(phraser ? { phraser } : {}),
    logger,
  });
  const handover = createChannelHandover({
    channels: storage.channels,
    conversations: storage.conversations,
    engine,
    cart: agents.cart,
    logger,
  });
  const channels = createChannels(
    config,
    createChannelDispatcher({
      engine,
      channels: storage.channels,
      conversations: storage.conversations,
      handover,
      logger,
      now,
      leaseMs: config.CHANNEL_LEASE_SECONDS * 1000,
      onOutcome: (channel, outcome) => metrics.observeDelivery(channel, outcome),
    }),
    options.fetch,
  );
  late.notices = createCustomerNotices(storage, channels, {
    smsFrom: config.TWILIO_FROM_NUMBER,
    whatsappFrom: config.WHATSAPP_PHONE_NUMBER_ID,
    whatsappTemplate: whatsappTemplateOf(config),
    now,
    logger,
  });
  // Messages acknowledged but left unanswered by a process that died are answered: now, and every so often
  // (another instance may die while this one runs).
  const connectors = { whatsapp: channels.whatsapp, telegram: channels.telegram, sms: channels.sms };
  const recover = () =>
    channels.dispatcher
      .recover(connectors)
      .then((n) => n > 0 && logger.info({ messages: n }, 'answering channel messages left unanswered'))
      .catch((error: unknown) => logger.error({ err: error }, 'recovering channel messages failed'));
  const anyChannel = Boolean(channels.whatsapp ?? channels.telegram ?? channels.sms);
  if (anyChannel) void recover();
  const every = Math.min(RECOVERY_INTERVAL_MS, (config.CHANNEL_LEASE_SECONDS * 1000) / 2);
  const sweeper = anyChannel ? setInterval(() => void recover(), every).unref() : undefined;
  const { orders } = agents;
  // Unpaid orders past their time give their units and points back; every instance sweeps, each order
  // expires once.
  const expireOrders = () =>
    orders
      .expireOverdue()
      .catch((error: unknown) => logger.error({ err: error }, 'expiring unpaid orders failed'));
  void expireOrders();
  // Handoffs nobody took in time become tickets, their customers told; every instance sweeps, each once.
  const ticketHandoffs = () =>
    agents.handoff
      .ticketOverdue()
      .catch((error: unknown) => logger.error({ err: error }, 'sweeping waiting handoffs failed'));
  const expiry = setInterval(() => {
    void expireOrders();
    void ticketHandoffs();
  }, EXPIRY_INTERVAL_MS).unref();
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, {
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        enableOfflineQueue: false,
      })
    : undefined;
  redis?.on('error', (error: Error) => logger.warn({ err: error }, 'redis unavailable'));
  return {
    config,
    storage,
    events,
    understander,
    agents,
    engine,
    logger,
    ...(languageModel ? { languageModel } : {}),
    ...(redis ? { redis } : {}),
    channels,
    identities: createIdentityCodes(storage, channels, {
      shopName: config.shop.name,
      smsFrom: config.TWILIO_FROM_NUMBER,
      whatsappFrom: config.WHATSAPP_PHONE_NUMBER_ID,
      limits: {
        perIdentityPerHour: config.IDENTITY_CODES_PER_HOUR,
        perAddressPerHour: config.IDENTITY_CODES_PER_ADDRESS_PER_HOUR,
        perDay: config.IDENTITY_CODES_PER_DAY,
        lockAfterFailures: config.IDENTITY_CODE_LOCK_AFTER_FAILURES,
        lockMinutes: config.IDENTITY_CODE_LOCK_MINUTES,
      },
      now,
      handover,
      logger,
    }),
    orders,
    ...(payments ? { payments } : {}),
    metrics,
    now,
    async close() {
      clearInterval(sweeper);
      clearInterval(expiry);
      await channels.dispatcher.idle();
      redis?.disconnect();
      await storage.close();
    },
  };
}

/** The approved WhatsApp template for writing after the 24-hour window, when the shop has one. */
const whatsappTemplateOf = (config: Config): MessageTemplate | undefined =>
  config.WHATSAPP_REPLY_TEMPLATE
    ? { name: config.WHATSAPP_REPLY_TEMPLATE, language: config.WHATSAPP_TEMPLATE_LANGUAGE }
    : undefined;
