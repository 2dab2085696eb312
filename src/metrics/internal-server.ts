import Fastify, { type FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

/**
 * `METRICS_PORT`: /metrics on a listener of its own, bound to loopback (for a scraper on the same host
 * or a sidecar), without credentials - the main port's /metrics still wants staff credentials.
 */
export async function startMetricsServer(metrics: Metrics, port: number): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  await app.listen({ host: '127.0.0.1', port });
  return app;
}
