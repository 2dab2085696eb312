import type { Clock } from '../domain/clock.js';
import type { Metrics } from '../metrics/metrics.js';
import type { AppContext } from '../bootstrap.js';
import type { Channels } from '../channels/channels.js';
import type { SalesEngine } from '../engine.js';
import type { Agents } from '../flows/agents.js';
import type { IdentityCodes } from '../identities/identity-codes.js';
import type { Logger } from '../logger.js';
import type { OrderService } from '../orders/order-service.js';
import type { StripePayments } from '../payments/stripe.js';
import type { EventBus } from '../events/event-bus.js';
import type { StreamSettings } from '../handoff/event-stream.js';
import type { Storage } from '../storage/ports.js';
import type { AuthSettings } from './auth.js';
import type { SecuritySettings } from './security.js';

/** What the HTTP layer is built from. */
export interface AppDeps {
  engine: SalesEngine;
  storage: Storage;
  /** Wakes live conversation streams when events are written. */
  events: EventBus;
  /** Caps and pace of live conversation streams. */
  streams: StreamSettings;
  agents: Agents;
  understanding: string;
  /** The configured language model, for the health report; absent offline. */
  languageModel?: { name: string; mode: string; circuit(): string; lastError(): string | null };
  auth: Omit<AuthSettings, 'now'>;
  security: SecuritySettings;
  channels: Channels;
  identities: IdentityCodes;
  orders: OrderService;
  /** Stripe, when it is the payment provider: verifies its webhooks. */
  payments?: StripePayments;
  logger?: Logger;
  /** The shop's name, for the chat page's title. */
  shopName?: string;
  /** Prometheus metrics; /metrics is absent without them. */
  metrics?: Metrics;
  /** The shop's time zone, for days in analytics. */
  timeZone?: string;
  /** The one clock (see AppContext.now). */
  now: Clock;
}

export const depsFrom = (ctx: AppContext): AppDeps => ({
  engine: ctx.engine,
  shopName: ctx.config.shop.name,
  metrics: ctx.metrics,
  timeZone: ctx.config.shop.time_zone,
  now: ctx.now,
  storage: ctx.storage,
  events: ctx.events,
  streams: {
    perUser: ctx.config.STREAMS_PER_USER,
    perAddress: ctx.config.STREAMS_PER_ADDRESS,
    perOperator: ctx.config.STREAMS_PER_OPERATOR,
    recheckMs: ctx.config.STREAM_RECHECK_SECONDS * 1000,
  },
  agents: ctx.agents,
  understanding: ctx.understander.name,
  ...(ctx.languageModel
    ? {
        languageModel: {
          name: ctx.languageModel.model.name,
          mode: ctx.config.llm.mode,
          circuit: () => ctx.languageModel?.model.circuit() ?? 'closed',
          lastError: () => ctx.languageModel?.model.lastError() ?? null,
        },
      }
    : {}),
  auth: {
    jwtSecret: ctx.config.JWT_SECRET,
    jwksUrl: ctx.config.JWT_JWKS_URL,
    issuer: ctx.config.JWT_ISSUER,
    audience: ctx.config.JWT_AUDIENCE,
    maxAgeHours: ctx.config.JWT_MAX_AGE_HOURS,
    apiKeys: ctx.config.API_KEYS ?? [],
    adminApiKeys: ctx.config.ADMIN_API_KEYS ?? [],
  },
  security: {
    rateLimitPerMinute: ctx.config.RATE_LIMIT_PER_MINUTE,
    rateLimitPerIpPerMinute: ctx.config.RATE_LIMIT_PER_IP_PER_MINUTE,
    authFailuresPerMinute: ctx.config.AUTH_FAILURES_PER_MINUTE,
    senderMessagesPerMinute: ctx.config.CHANNEL_MESSAGES_PER_MINUTE,
    guestSessionsPerHour: ctx.config.GUEST_SESSIONS_PER_HOUR,
    corsOrigins: ctx.config.CORS_ORIGINS,
    trustProxy: ctx.config.TRUST_PROXY,
    ...(ctx.redis ? { redis: ctx.redis } : {}),
  },
  channels: ctx.channels,
  identities: ctx.identities,
  orders: ctx.orders,
  ...(ctx.payments ? { payments: ctx.payments } : {}),
  logger: ctx.logger,
});
