import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.js';

export interface SecuritySettings {
  /** Requests per minute per user (per IP for anonymous callers). */
  rateLimitPerMinute: number;
  corsOrigins: string[];
  /** Shares the rate limit between instances; in-memory per instance without it. */
  redis?: Redis;
}

/** The rate-limit key: the acting user, so a customer's limit follows them across devices and instances. */
function rateKey(request: FastifyRequest): string {
  const p = request.principal;
  if (p.kind === 'customer') return `user:${p.user_id}`;
  const body = request.body as { user_id?: unknown } | undefined;
  if (typeof body?.user_id === 'string') return `user:${body.user_id}`;
  return `ip:${request.ip}`;
}

/** Security headers, CORS for the configured origins only, and the per-user rate limit. */
export const securityPlugin = fp(async (app: FastifyInstance, settings: SecuritySettings) => {
  await app.register(helmet, { global: true });
  await app.register(cors, { origin: settings.corsOrigins.length > 0 ? settings.corsOrigins : false });
  await app.register(rateLimit, {
    max: settings.rateLimitPerMinute,
    timeWindow: '1 minute',
    // After body parsing, so calls made on a user's behalf count against that user.
    hook: 'preHandler',
    keyGenerator: rateKey,
    ...(settings.redis ? { redis: settings.redis, nameSpace: 'sales-agent:rate:' } : {}),
    // A Redis outage must not take the shop down: requests go through unlimited and it is logged.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `Too many requests: at most ${context.max} a minute. Try again in ${context.after}.`,
      ),
  });
});
