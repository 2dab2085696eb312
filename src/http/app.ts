import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from '../logger.js';
import { authPlugin, type AuthSettings } from './auth.js';
import { errorHandler } from './errors.js';
import { securityPlugin, trustProxyOption, type SecuritySettings } from './security.js';

/** Largest request body accepted, in bytes: far above any real chat message, far below abuse. */
const BODY_LIMIT = 64 * 1024;

/** What every route stands behind: who may call, how often, and where requests are logged. */
export interface HttpSettings {
  auth: AuthSettings;
  security: SecuritySettings;
  /** Request logging; none without it. */
  logger?: Logger | undefined;
}

/** A group of routes (or hooks) registered on the app, in the order given. */
export type HttpRoutes = FastifyPluginAsync | FastifyPluginAsyncZod;

/**
 * The HTTP layer every route shares, as a Fastify instance: schemas, errors, security, authentication
 * and OpenAPI, then the routes given. The composition root says which routes (app/http.ts).
 */
export async function createHttpApp(
  settings: HttpSettings,
  routes: readonly HttpRoutes[],
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: settings.logger as FastifyBaseLogger | undefined,
    bodyLimit: BODY_LIMIT,
    // Behind a reverse proxy, the caller's address (for limits and lockouts) is the one it forwards.
    trustProxy: trustProxyOption(settings.security.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Security first: authentication reports failed sign-ins to its counters.
  await app.register(securityPlugin, settings.security);
  await app.register(authPlugin, settings.auth);

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

  for (const group of routes) await app.register(group);
  return app;
}
