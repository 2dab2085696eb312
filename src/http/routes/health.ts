import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.js';
import { healthResponseSchema } from '../schemas.js';

export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/health',
      {
        config: { public: true },
        schema: {
          tags: ['health'],
          summary: 'Liveness and dependencies',
          response: { 200: healthResponseSchema, 503: healthResponseSchema },
        },
      },
      async (_request, reply) => {
        const connected = await deps.storage.ping().catch(() => false);
        const body = {
          status: connected ? ('healthy' as const) : ('degraded' as const),
          database: connected ? ('connected' as const) : ('unavailable' as const),
          storage: deps.storage.kind,
          mistral_client: deps.mistralConfigured ? ('available' as const) : ('not_configured' as const),
          understanding: deps.understanding,
          timestamp: new Date().toISOString(),
        };
        return reply.status(connected ? 200 : 503).send(body);
      },
    );
  };
