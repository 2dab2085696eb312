import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import type { Metrics } from './metrics.js';

/**
 * `GET /metrics` in Prometheus's text format, for the shop's staff: an admin token, an API key (a
 * scraper's usual credential) or, in local-only mode, anyone on loopback. Every request's time is
 * recorded by route pattern (never by raw URL, so ids don't explode the label set).
 */
export const metricsPlugin = (metrics: Metrics) =>
  fp(async (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      metrics.observeRequest({
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        seconds: reply.elapsedTime / 1000,
      });
    });
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      const p = request.principal;
      if (p.kind !== 'admin' && p.kind !== 'service' && p.kind !== 'local')
        throw new AppError('FORBIDDEN', 'Metrics are for the shop: an admin token or an API key.');
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  });
