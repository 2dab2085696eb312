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
        const lm = deps.languageModel;
        const circuit = lm?.circuit();
        const body = {
          // An open circuit still answers every turn (offline), so it degrades but doesn't fail health.
          status: connected && circuit !== 'open' ? ('healthy' as const) : ('degraded' as const),
          database: connected ? ('connected' as const) : ('unavailable' as const),
          storage: deps.storage.kind,
          mistral_client: !lm
            ? ('not_configured' as const)
            : circuit === 'open'
              ? ('unavailable' as const)
              : ('available' as const),
          understanding: deps.understanding,
          ...(lm
            ? {
                language_model: {
                  model: lm.name,
                  mode: lm.mode,
                  circuit: circuit ?? 'closed',
                  last_error: lm.lastError(),
                },
              }
            : {}),
          timestamp: deps.now().toISOString(),
        };
        return reply.status(connected ? 200 : 503).send(body);
      },
    );
  };
