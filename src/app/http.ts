import type { FastifyInstance } from 'fastify';
import { analyticsRoutes } from '../analytics/routes.js';
import { consoleRoutes } from '../console/routes.js';
import { feedbackRoutes } from '../feedback/routes.js';
import { wishlistRoutes } from '../wishlist/routes.js';
import type { StreamSettings } from '../handoff/event-stream.js';
import { handoffRoutes } from '../handoff/routes.js';
import { createHttpApp, type HttpRoutes } from '../http/app.js';
import type { AuthSettings } from '../http/auth.js';
import { cartRoutes } from '../api/cart.js';
import { catalogueRoutes } from '../api/catalogue.js';
import { chatRoutes } from '../api/chat.js';
import { conversationRoutes } from '../api/conversations.js';
import { healthRoutes } from '../api/health.js';
import { loyaltyRoutes } from '../api/loyalty.js';
import { webhookRoutes } from '../channels/routes.js';
import type { SecuritySettings } from '../http/security.js';
import { identityRoutes } from '../identities/routes.js';
import { metricsPlugin } from '../metrics/routes.js';
import { orderRoutes } from '../orders/routes.js';
import { paymentRoutes } from '../payments/routes.js';
import { returnRoutes } from '../returns/routes.js';
import { webRoutes } from '../web/routes.js';
import type { AppContext } from './app-context.js';

/** The HTTP settings the configuration gives: tokens and keys, limits, live streams. */
export interface HttpConfig {
  auth: Omit<AuthSettings, 'now'>;
  security: SecuritySettings;
  streams: StreamSettings;
}

/** Read once from the configuration, for the app and for tests that change one setting. */
export function httpConfigOf(ctx: Pick<AppContext, 'config' | 'redis'>): HttpConfig {
  const { config } = ctx;
  return {
    auth: {
      jwtSecret: config.JWT_SECRET,
      jwksUrl: config.JWT_JWKS_URL,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      maxAgeHours: config.JWT_MAX_AGE_HOURS,
      apiKeys: config.API_KEYS ?? [],
      adminApiKeys: config.ADMIN_API_KEYS ?? [],
    },
    security: {
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      rateLimitPerIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
      authFailuresPerMinute: config.AUTH_FAILURES_PER_MINUTE,
      senderMessagesPerMinute: config.CHANNEL_MESSAGES_PER_MINUTE,
      guestSessionsPerHour: config.GUEST_SESSIONS_PER_HOUR,
      corsOrigins: config.CORS_ORIGINS,
      trustProxy: config.TRUST_PROXY,
      ...(ctx.redis ? { redis: ctx.redis } : {}),
    },
    streams: {
      perUser: config.STREAMS_PER_USER,
      perAddress: config.STREAMS_PER_ADDRESS,
      perOperator: config.STREAMS_PER_OPERATOR,
      recheckMs: config.STREAM_RECHECK_SECONDS * 1000,
    },
  };
}

/** Settings to use instead of the configuration's, and whether to log requests. */
export interface HttpOptions extends Partial<HttpConfig> {
  /** Requests are logged through the context's logger unless this is false. */
  logger?: false;
}

/** Every group of routes the API serves, in order, each given only what it uses. */
function routesOf(ctx: AppContext, { auth, security, streams }: HttpConfig): HttpRoutes[] {
  const lm = ctx.languageModel;
  return [
    // First: its hooks time every request.
    metricsPlugin(ctx.metrics),
    healthRoutes({
      storage: ctx.storage,
      understanding: ctx.understander.name,
      now: ctx.now,
      ...(lm
        ? {
            languageModel: {
              name: lm.model.name,
              mode: ctx.config.llm.mode,
              circuit: () => lm.model.circuit(),
              lastError: () => lm.model.lastError(),
            },
          }
        : {}),
    }),
    chatRoutes(ctx),
    cartRoutes(ctx),
    catalogueRoutes(ctx),
    loyaltyRoutes(ctx),
    conversationRoutes(ctx),
    identityRoutes(ctx),
    orderRoutes(ctx),
    handoffRoutes({ agents: ctx.agents, storage: ctx.storage, events: ctx.events, streams }),
    returnRoutes(ctx),
    feedbackRoutes(ctx),
    wishlistRoutes(ctx),
    analyticsRoutes({ storage: ctx.storage, timeZone: ctx.config.shop.time_zone, now: ctx.now }),
    consoleRoutes(ctx),
    webhookRoutes(ctx),
    webRoutes({ auth, security, agents: ctx.agents, now: ctx.now, shop: ctx.config.shop }),
    paymentRoutes(ctx),
  ];
}

/**
 * The HTTP API over an app context, as a Fastify instance: `startServer` listens, tests call it with
 * `app.inject`. Tokens are read against the context's one clock.
 */
export async function buildApp(ctx: AppContext, options: HttpOptions = {}): Promise<FastifyInstance> {
  const { logger, ...overrides } = options;
  const settings = { ...httpConfigOf(ctx), ...overrides };
  return createHttpApp(
    {
      auth: { ...settings.auth, now: ctx.now },
      security: settings.security,
      ...(logger === false ? {} : { logger: ctx.logger }),
    },
    routesOf(ctx, settings),
  );
}
