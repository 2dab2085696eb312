import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SalesEngine } from '../engine.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/ports.js';
import { errorHandler } from './errors.js';
import { chatRoutes } from './routes/chat.js';
import { healthRoutes } from './routes/health.js';

export interface AppDeps {
  engine: SalesEngine;
  storage: Storage;
  understanding: string;
  mistralConfigured: boolean;
  logger?: Logger;
}

/** Largest request body accepted, in bytes: far above any real chat message, far below abuse. */
const BODY_LIMIT = 64 * 1024;

/** The HTTP API as a Fastify instance; `server.ts` only listens. Tests call it with `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger | undefined,
    bodyLimit: BODY_LIMIT,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(healthRoutes(deps));
  await app.register(chatRoutes(deps.engine));
  return app;
}
