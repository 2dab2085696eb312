import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../domain/clock.js';
import type { Storage } from '../storage/ports.js';
import { healthResponseSchema } from '../http/schemas.js';

/** What the health report reads. */
export interface HealthRouteDeps {
  storage: Pick<Storage, 'ping' | 'kind'>;
  /** The understander's name. */
  understanding: string;
  /** The configured language model; absent offline. */
  languageModel?: { name: string; mode: string; circuit(): string; lastError(): string | null } | undefined;
  now: Clock;
}

export const healthRoutes =
  (deps: HealthRouteDeps): FastifyPluginAsyncZod =>
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
