import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.js';
import { authPlugin } from './auth.js';
import { errorHandler } from './errors.js';
import { securityPlugin, trustProxyOption } from './security.js';
import { cartRoutes } from './routes/cart.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { chatRoutes } from './routes/chat.js';
import { conversationRoutes } from './routes/conversations.js';
import { healthRoutes } from './routes/health.js';
import { identityRoutes } from '../identities/routes.js';
import { orderRoutes } from '../orders/routes.js';
import { handoffRoutes } from '../handoff/routes.js';
import { returnRoutes } from '../returns/routes.js';
import { feedbackRoutes } from '../feedback/routes.js';
import { webRoutes } from '../web/routes.js';
import { metricsPlugin } from '../metrics/routes.js';
import { analyticsRoutes } from '../analytics/routes.js';
import { consoleRoutes } from '../console/routes.js';
import { paymentRoutes } from '../payments/routes.js';
import { loyaltyRoutes } from './routes/loyalty.js';
import { webhookRoutes } from './routes/webhooks.js';

export type { AppDeps };

/** Largest request body accepted, in bytes: far above any real chat message, far below abuse. */
const BODY_LIMIT = 64 * 1024;

/** The HTTP API as a Fastify instance; `server.ts` only listens. Tests call it with `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger | undefined,
    bodyLimit: BODY_LIMIT,
    // Behind a reverse proxy, the caller's address (for limits and lockouts) is the one it forwards.
    trustProxy: trustProxyOption(deps.security.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Security first: authentication reports failed sign-ins to its counters.
  await app.register(securityPlugin, deps.security);
  // Tokens are read against the app's one clock.
  await app.register(authPlugin, { ...deps.auth, now: deps.now });

  // OpenAPI is generated from the same zod schemas that validate requests.
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'langgraph-sales-agent',
        description: 'AI sales agent for online shops: chat, cart, catalogue, inventory and loyalty.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  if (deps.metrics) await app.register(metricsPlugin, deps.metrics);
  for (const routes of [
    healthRoutes,
    chatRoutes,
    cartRoutes,
    catalogueRoutes,
    loyaltyRoutes,
    conversationRoutes,
    identityRoutes,
    orderRoutes,
    handoffRoutes,
    returnRoutes,
    feedbackRoutes,
    analyticsRoutes,
    consoleRoutes,
  ]) {
    await app.register(routes(deps));
  }
  await app.register(webhookRoutes(deps));
  await app.register(webRoutes(deps));
  await app.register(paymentRoutes(deps));
  return app;
}
