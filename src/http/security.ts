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
  /**
   * Requests per minute per IP from callers who name the user they act for (API keys, admins, local
   * mode): otherwise a new `user_id` on every call would get a fresh allowance every time.
   */
  rateLimitPerIpPerMinute?: number;
  /** Failed authentications per IP per minute; past it, the IP's credentials are not even checked. */
  authFailuresPerMinute?: number;
  /** Messages one sender (a phone number, a chat) may send a minute on each channel. */
  senderMessagesPerMinute?: number;
  corsOrigins: string[];
  /** Shares the rate limits between instances; in-memory per instance without it. */
  redis?: Redis;
}

export const DEFAULT_LIMITS = {
  rateLimitPerIpPerMinute: 1000,
  authFailuresPerMinute: 20,
  senderMessagesPerMinute: 20,
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one message from a channel sender; false once they are over their limit this minute. */
    allowSender(request: FastifyRequest, channel: string, sender: string): Promise<boolean>;
  }
  interface FastifyRequest {
    /** The key a limiter that is not about the request itself counts against. */
    limitKey: string;
  }
}

/** The rate-limit key: the acting user, so a customer's limit follows them across devices and instances. */
function rateKey(request: FastifyRequest): string {
  const p = request.principal;
  if (p.kind === 'customer') return `user:${p.user_id}`;
  const chosen = chosenUser(request);
  if (chosen) return `user:${chosen}`;
  return `ip:${request.ip}`;
}

/** The `user_id` a caller allowed to act for anyone has named in the body. */
function chosenUser(request: FastifyRequest): string | undefined {
  if (request.principal.kind === 'customer') return undefined;
  const body = request.body as { user_id?: unknown } | undefined;
  return typeof body?.user_id === 'string' ? body.user_id : undefined;
}

const limited = (message: string) => new AppError('RATE_LIMITED', message);

/**
 * Security headers, CORS for the configured origins only, and rate limits: per user; per IP as well
 * where the caller names the user; per IP for failed authentication; per sender on channel webhooks.
 * Registered before authentication, so an IP that keeps failing is refused before any key is checked.
 */
export const securityPlugin = fp(async (app: FastifyInstance, settings: SecuritySettings) => {
  const limits = { ...DEFAULT_LIMITS, ...settings };
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
      limited(`Too many requests: at most ${context.max} a minute. Try again in ${context.after}.`),
  });

  app.decorateRequest('limitKey', '');
  const byKey = (request: FastifyRequest) => request.limitKey;
  const perIp = app.createRateLimit({ max: limits.rateLimitPerIpPerMinute, keyGenerator: byKey });
  const failures = app.createRateLimit({ max: limits.authFailuresPerMinute, keyGenerator: byKey });
  const perSender = app.createRateLimit({ max: limits.senderMessagesPerMinute, keyGenerator: byKey });

  /** Channel and payment webhooks prove themselves with a signature. */
  const signed = (request: FastifyRequest) =>
    request.url.startsWith('/api/webhook/') || request.url.startsWith('/api/payments/');
  const signsIn = (request: FastifyRequest) =>
    request.headers.authorization !== undefined ||
    request.headers['x-api-key'] !== undefined ||
    signed(request);
  app.addHook('onRequest', async (request, reply) => {
    // Only requests that present credentials or a signature are refused; public pages stay reachable.
    if (!signsIn(request)) return;
    request.limitKey = `auth-failures:${request.ip}`;
    const seen = await failures(request, { increment: false });
    if (!seen.isAllowed && seen.remaining === 0) {
      void reply.header('retry-after', seen.ttlInSeconds);
      throw limited(
        `Too many failed sign-ins from this address: at most ${limits.authFailuresPerMinute} a minute. Try again in ${seen.ttlInSeconds} seconds.`,
      );
    }
  });
  // Refused credentials, and webhooks whose signature is wrong, count against the caller's IP.
  app.addHook('onResponse', async (request, reply) => {
    const signatureRefused = reply.statusCode === 403 && signed(request);
    if (reply.statusCode !== 401 && !signatureRefused) return;
    request.limitKey = `auth-failures:${request.ip}`;
    await failures(request);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.config.rateLimit === false || !chosenUser(request)) return;
    request.limitKey = `caller-ip:${request.ip}`;
    const seen = await perIp(request);
    if (!seen.isAllowed && seen.isExceeded) {
      void reply.header('retry-after', seen.ttlInSeconds);
      throw limited(
        `Too many requests from this address: at most ${limits.rateLimitPerIpPerMinute} a minute. Try again in ${seen.ttlInSeconds} seconds.`,
      );
    }
  });
  app.decorate('allowSender', async (request: FastifyRequest, channel: string, sender: string) => {
    request.limitKey = `sender:${channel}:${sender}`;
    const seen = await perSender(request);
    return seen.isAllowed || !seen.isExceeded;
  });
});
