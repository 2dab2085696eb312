import type { PruneReport, RetentionPolicy } from '../storage/retention.js';
import { Redis } from 'ioredis';
import type { Channels } from '../channels/channels.js';
import type { Fetch } from '../channels/http-client.js';
import type { Config } from '../config.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { createSalesEngine, type ConversationResult, type SalesEngine } from '../engine.js';
import type { EventBus } from '../events/event-bus.js';
import type { Agents } from '../flows/agents.js';
import type { IdentityCodes } from '../identities/identity-codes.js';
import type { LanguageModel } from '../llm/language-model.js';
import type { Logger } from '../logger.js';
import { createMetrics, type Metrics } from '../metrics/metrics.js';
import type { Understander } from '../nlu/port.js';
import type { OrderService } from '../orders/order-service.js';
import type { StripePayments } from '../payments/stripe.js';
import { createShopContext } from '../shop/shop-context.js';
import type { Storage } from '../storage/ports.js';
import { createAgents } from './agents.js';
import { createInbound, createOutbound } from './channels.js';
import { createPayments } from './payments.js';
import { openStorage } from './storage.js';
import { createUnderstanding } from './understanding.js';

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
  /** The configured channels; their dispatcher answers with the engine's whole result. */
  channels: Channels<ConversationResult>;
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
  /** Drops conversation state and stream events older than the configured retention (one sweep). */
  pruneConversations(): Promise<PruneReport>;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** What the retention sweep keeps, as of `at`. */
function retentionPolicy(config: Config, at: Date): RetentionPolicy {
  return {
    keep_checkpoints: config.CHECKPOINTS_PER_CONVERSATION,
    idle_before: new Date(at.getTime() - config.CONVERSATION_STATE_DAYS * DAY_MS).toISOString(),
    events_before: new Date(at.getTime() - config.CONVERSATION_EVENTS_DAYS * DAY_MS).toISOString(),
  };
}

/** Shared rate limits across instances, when REDIS_URL is set. */
function connectRedis(config: Config, logger: Logger): Redis | undefined {
  if (!config.REDIS_URL) return undefined;
  const redis = new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    enableOfflineQueue: false,
  });
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis unavailable'));
  return redis;
}

/**
 * The composition root: opens storage (seeding the sample shop into an empty database when asked),
 * trains the understander, builds the channels' sending side, the agents, the engine and then the
 * channels' receiving side that hands messages to the engine. It starts no timers: the server command
 * starts the background jobs (see jobs.ts).
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
  const { storage, checkpointer, events, prune } = await openStorage(config, logger, {
    now,
    seedIfEmpty: options.seedIfEmpty,
  });
  const { understander, phraser, languageModel } = await createUnderstanding(config, storage, logger, {
    understander: options.understander,
    modelFetch: options.modelFetch,
  });
  const payments = await createPayments(config, now);
  const { connectors, notices } = createOutbound(config, storage, { now, logger, fetch: options.fetch });
  const agents = createAgents(storage, config, now, { ...(payments ? { payments } : {}), logger, notices });
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
    shop: createShopContext(config.shop, now, config.PAYMENT_PROVIDER),
    ...(phraser ? { phraser } : {}),
    logger,
  });
  const { channels, identities } = createInbound(config, storage, {
    connectors,
    engine,
    cart: agents.cart,
    metrics,
    now,
    logger,
  });
  const redis = connectRedis(config, logger);
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
    identities,
    orders: agents.orders,
    ...(payments ? { payments } : {}),
    metrics,
    now,
    pruneConversations: () => prune(retentionPolicy(config, now())),
    async close() {
      await channels.dispatcher.idle();
      redis?.disconnect();
      await storage.close();
    },
  };
}
