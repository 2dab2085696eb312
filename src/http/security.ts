import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
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
  /**
   * Failed sign-ins a minute per IP and per credential; past it, that IP's or credential's failures are
   * answered 429. Valid credentials are never refused.
   */
  authFailuresPerMinute?: number;
  /** Messages one sender (a phone number, a chat) may send a minute on each channel. */
  senderMessagesPerMinute?: number;
  /** Guest sessions one IP may start an hour. */
  guestSessionsPerHour?: number;
  corsOrigins: string[];
  /**
   * Which proxies' X-Forwarded-For names the caller's IP: none (false), all (true), the nearest N hops,
   * or the proxies' addresses and CIDR ranges.
   */
  trustProxy?: boolean | number | string[];
  /** Shares the rate limits between instances; in-memory per instance without it. */
  redis?: Redis;
}

export const DEFAULT_LIMITS = {
  rateLimitPerIpPerMinute: 1000,
  authFailuresPerMinute: 20,
  senderMessagesPerMinute: 20,
  guestSessionsPerHour: 20,
};

/**
 * Fastify's `trustProxy` for the setting. Fastify refuses a bare hop count (it would believe the headers
 * of a client that reaches the server directly), so N hops is said as a function: the socket's peer and
 * the N-1 proxies before it are trusted, and the address before them is the caller's. Only right when the
 * server is reachable through the proxies alone, as docs/api.md says.
 */
export function trustProxyOption(
  setting: SecuritySettings['trustProxy'],
): FastifyServerOptions['trustProxy'] {
  if (typeof setting !== 'number') return setting ?? false;
  return (_address: string, hop: number) => hop < setting;
}

/** Counts failed sign-ins per IP and per credential; only failures are ever refused for them. */
export interface SignInGuard {
  /**
   * Counts one refused credential against the caller's IP and against the credential itself, and returns
   * what to answer: `refusal`, or a 429 (with Retry-After) once either has failed too often this minute.
   */
  failed(
    request: FastifyRequest,
    reply: FastifyReply,
    credential: string,
    refusal: AppError,
  ): Promise<AppError>;
  /**
   * The 429 to answer (with Retry-After) when the caller's IP or the credential is already over its
   * failures this minute, else null; counts nothing. Only for skipping costly checks: a valid
   * credential must still be let in.
   */
  lockout(request: FastifyRequest, reply: FastifyReply, credential: string): Promise<AppError | null>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one message from a channel sender; false once they are over their limit this minute. */
    allowSender(request: FastifyRequest, channel: string, sender: string): Promise<boolean>;
    /** Failed sign-ins, for the authentication plugin. */
    signIns: SignInGuard;
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

/** Where failures of a credential are counted: a digest, so no secret is kept in the store. */
const credentialKey = (credential: string) =>
  `auth-failures:credential:${createHash('sha256').update(credential).digest('base64url')}`;

/**
 * Security headers, CORS for the configured origins only, and rate limits: per user; per IP as well
 * where the caller names the user; per IP and per credential for failed sign-ins; per sender on channel
 * webhooks.
 */
export const securityPlugin = fp(async (app: FastifyInstance, settings: SecuritySettings) => {
  const limits = { ...DEFAULT_LIMITS, ...settings };
  await app.register(helmet, { global: true });
  if (settings.corsOrigins.length > 0) await app.register(cors, { origin: settings.corsOrigins });
  else {
    // No origin may call from a browser: a preflight is answered without CORS headers (so the browser
    // stops there), never asked for credentials it can't carry.
    app.options('*', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.code(204).send(),
    );
  }
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

  /** The failure counters a credential presented by this request is judged by, and how to name them. */
  const counters = (request: FastifyRequest, credential: string) => [
    { key: `auth-failures:ip:${request.ip}`, from: 'from this address' },
    { key: credentialKey(credential), from: 'with these credentials' },
  ];
  const lockedOut = (reply: FastifyReply, from: string, seconds: number) => {
    void reply.header('retry-after', seconds);
    return limited(
      `Too many failed sign-ins ${from}: at most ${limits.authFailuresPerMinute} a minute. Try again in ${seconds} seconds.`,
    );
  };
  const signIns: SignInGuard = {
    async failed(request, reply, credential, refusal) {
      let over: { from: string; seconds: number } | null = null;
      for (const { key, from } of counters(request, credential)) {
        request.limitKey = key;
        const seen = await failures(request);
        if (!over && !seen.isAllowed && seen.isExceeded) over = { from, seconds: seen.ttlInSeconds };
      }
      return over ? lockedOut(reply, over.from, over.seconds) : refusal;
    },
    async lockout(request, reply, credential) {
      for (const { key, from } of counters(request, credential)) {
        request.limitKey = key;
        const seen = await failures(request, { increment: false });
        if (!seen.isAllowed && seen.remaining === 0) return lockedOut(reply, from, seen.ttlInSeconds);
      }
      return null;
    },
  };
  app.decorate('signIns', signIns);

  // A channel or payment webhook whose signature is wrong counts against the caller's IP. It is still
  // checked next time: a signature costs less to check than the lookup that would refuse it, and a
  // platform's genuine webhook must never be refused for someone else's failures.
  const signed = (request: FastifyRequest) =>
    request.url.startsWith('/api/webhook/') || request.url.startsWith('/api/payments/');
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 403 || !signed(request)) return;
    request.limitKey = `auth-failures:ip:${request.ip}`;
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
