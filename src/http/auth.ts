import { createHash, timingSafeEqual } from 'node:crypto';
import fastifyJwt, { type TokenOrHeader } from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import buildGetJwks from 'get-jwks';
import { AppError } from '../errors.js';
import { systemClock, type Clock } from '../domain/clock.js';

/** Who is calling. Customers act only for themselves; the others may act for any user. */
export type Principal =
  | { kind: 'customer'; user_id: string }
  | { kind: 'admin'; id: string }
  | { kind: 'service'; id: string }
  /** No credentials, on a public route. */
  | { kind: 'anonymous' }
  /** No authentication configured: the server is local-only. */
  | { kind: 'local' };

export interface AuthSettings {
  /** HS256 secret for customer and admin tokens. */
  jwtSecret?: string;
  /** JWKS document for tokens signed by an identity provider (RS256, ES256). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Keys for server-to-server calls, sent as `x-api-key`. */
  apiKeys: string[];
  /** Keys that act as the shop's staff (admin), e.g. for the operator console. */
  adminApiKeys?: string[];
  /** Longest a token is accepted after it was issued, in hours; every token must also carry `exp`. */
  maxAgeHours?: number;
  /** The clock tokens' `exp`, `nbf` and age are read against. */
  now: Clock;
}

/** Thirty days: as long as a guest's token lasts. */
export const DEFAULT_JWT_MAX_AGE_HOURS = 720;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** Reachable without credentials even when authentication is configured. */
    public?: boolean;
  }
}

interface TokenClaims {
  exp?: unknown;
  iat?: unknown;
  sub?: unknown;
  role?: unknown;
  roles?: unknown;
}

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);
const digest = (key: string) => createHash('sha256').update(key).digest();

/** The caller as the audit trail names them. */
export function actorOf(request: FastifyRequest): string {
  const p = request.principal;
  if (p.kind === 'customer') return `customer:${p.user_id}`;
  if (p.kind === 'admin' || p.kind === 'service') return `${p.kind}:${p.id}`;
  return p.kind;
}

/**
 * The caller's network address when it stands for one customer (a customer's or guest's token): limits
 * kept per address count it. Undefined for the shop's servers (API keys), staff and local mode, which act
 * for many customers from one address.
 */
export const customerAddressOf = (request: FastifyRequest): string | undefined =>
  request.principal.kind === 'customer' ? request.ip : undefined;

/** Whether the caller may act for `userId`: themselves, or anyone for staff, services and local mode. */
export function mayActFor(request: FastifyRequest, userId: string): boolean {
  const p = request.principal;
  return p.kind !== 'anonymous' && (p.kind !== 'customer' || p.user_id === userId);
}

/** Throws 403 unless the caller is the shop's staff (an admin token, or anyone in local-only mode). */
export function assertAdmin(request: FastifyRequest): void {
  const p = request.principal;
  if (p.kind === 'anonymous') throw unauthenticated('Authentication required.');
  if (p.kind !== 'admin' && p.kind !== 'local') throw new AppError('FORBIDDEN', 'This needs the admin role.');
}

/** Throws 403 unless the caller may act for `userId`. */
export function assertActsFor(request: FastifyRequest, userId: string): void {
  const p = request.principal;
  if (p.kind === 'anonymous') throw unauthenticated('Authentication required.');
  if (p.kind === 'customer' && p.user_id !== userId) {
    throw new AppError('FORBIDDEN', 'You can only act for your own account.', {
      details: { field: 'user_id' },
    });
  }
}

/**
 * A token that doesn't say when it was issued is held to its expiry instead: it may not run for longer
 * than the maximum age from now. (With `iat`, the verifier refuses it once that much older.)
 */
function assertLifetime(claims: TokenClaims, nowMs: number, maxAgeMs: number, hours: number): void {
  if (typeof claims.iat === 'number' || typeof claims.exp !== 'number') return;
  if (claims.exp * 1000 - nowMs > maxAgeMs)
    throw unauthenticated(
      `The bearer token is not valid: it says neither when it was issued (iat) nor expires within ${hours} hours.`,
    );
}

function principalOf(claims: TokenClaims): Principal {
  // Claims are whatever the signer wrote: a well-signed token with odd types is still refused clearly.
  if (typeof claims.sub !== 'string' || !claims.sub) throw unauthenticated('The token has no subject (sub).');
  if (claims.role !== undefined && typeof claims.role !== 'string')
    throw unauthenticated("The token's role claim must be a string.");
  if (
    claims.roles !== undefined &&
    !(Array.isArray(claims.roles) && claims.roles.every((r) => typeof r === 'string'))
  )
    throw unauthenticated("The token's roles claim must be a list of strings.");
  const roles = [claims.role, ...(claims.roles ?? [])];
  return roles.includes('admin')
    ? { kind: 'admin', id: claims.sub }
    : { kind: 'customer', user_id: claims.sub };
}

/**
 * Authentication: bearer JWTs (HS256 with a secret, or keys from a JWKS URL) and API keys. With none
 * configured every request is `local`: the server refuses to bind beyond loopback in that mode.
 * A refused credential counts as a failed sign-in for the caller's IP and for the credential (see
 * security.ts); a valid one is accepted whatever others have failed from the same address.
 */
export const authPlugin = fp(async (app: FastifyInstance, settings: AuthSettings) => {
  const configured = Boolean(
    settings.jwtSecret || settings.jwksUrl || settings.apiKeys.length || settings.adminApiKeys?.length,
  );
  // Declared empty so every request has the same shape; the onRequest hook always sets it.
  app.decorateRequest('principal', null as never);
  if (!configured) {
    app.addHook('onRequest', async (request) => {
      request.principal = { kind: 'local' };
    });
    return;
  }

  const hours = settings.maxAgeHours ?? DEFAULT_JWT_MAX_AGE_HOURS;
  const maxAgeMs = hours * 3_600_000;
  const { now } = settings;
  const jwks = settings.jwksUrl ? new URL(settings.jwksUrl) : null;
  const getJwks = jwks ? buildGetJwks({ jwksPath: jwks.pathname, max: 100, ttl: 10 * 60_000 }) : null;
  const { jwtSecret } = settings;
  await app.register(fastifyJwt, {
    // The key lookup needs the token's header (alg, kid), not just its claims.
    decode: { complete: true },
    secret: async (_request: FastifyRequest, token: TokenOrHeader) => {
      const header = 'header' in token ? token.header : token;
      const alg = header.alg ?? '';
      if (alg.startsWith('HS')) {
        if (!jwtSecret) throw unauthenticated('HS256 tokens are not accepted here.');
        return jwtSecret;
      }
      if (!getJwks || !jwks) throw unauthenticated(`Tokens signed with ${alg} are not accepted here.`);
      return getJwks.getPublicKey({ domain: jwks.origin, alg, kid: header.kid ?? '' });
    },
    verify: {
      algorithms: ['HS256', 'RS256', 'ES256'],
      // A token that never expires is a key that can't be taken back.
      requiredClaims: ['exp'],
      // In seconds here (@fastify/jwt converts it for fast-jwt), counted from the token's iat.
      maxAge: hours * 3600,
      ...(settings.issuer ? { allowedIss: settings.issuer } : {}),
      ...(settings.audience ? { allowedAud: settings.audience } : {}),
    },
  });

  // The system clock is the one the verifier reads by itself: then @fastify/jwt's cached verifier serves
  // every request. Any other clock (a test's) needs a verifier built for the call, reading that clock.
  const clockOptions = () => (now === systemClock ? undefined : { clockTimestamp: now().getTime() });

  /** Whether checking this token means fetching the identity provider's keys: one it hasn't used lately. */
  const fetchesKeys = async (request: FastifyRequest): Promise<boolean> => {
    if (!getJwks || !jwks) return false;
    let header: { alg?: string; kid?: string };
    try {
      ({ header } = await request.jwtDecode<{ header: typeof header }>());
    } catch {
      return false;
    }
    if (!header.alg || header.alg.startsWith('HS')) return false;
    const cached = getJwks.generateCacheKey(header.alg, header.kid ?? '', `${jwks.origin}/`);
    return getJwks.cache.get(cached) === undefined && getJwks.staleCache.get(cached) === undefined;
  };

  const keys = [
    ...settings.apiKeys.map((key) => ({ key, admin: false })),
    ...(settings.adminApiKeys ?? []).map((key) => ({ key, admin: true })),
  ].map(({ key, admin }) => ({
    id: `key-${digest(key).toString('hex').slice(0, 8)}`,
    hash: digest(key),
    admin,
  }));

  // Registered before this plugin in the app; absent when this plugin is used alone.
  const guard = app.hasDecorator('signIns') ? app.signIns : null;
  /** The refusal for a credential that failed: counted, and 429 once it or the IP fails too often. */
  const refuse = async (request: FastifyRequest, reply: FastifyReply, credential: string, error: AppError) =>
    guard ? guard.failed(request, reply, credential, error) : error;

  app.addHook('onRequest', async (request, reply) => {
    // A preflight carries no credentials and no route acts on one: it is never refused for lacking them.
    if (request.method === 'OPTIONS') {
      request.principal = { kind: 'anonymous' };
      return;
    }
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string') {
      const hash = digest(apiKey);
      const match = keys.find((k) => timingSafeEqual(k.hash, hash));
      if (!match) throw await refuse(request, reply, apiKey, unauthenticated('The API key is not valid.'));
      request.principal = match.admin ? { kind: 'admin', id: match.id } : { kind: 'service', id: match.id };
      return;
    }
    const { authorization } = request.headers;
    if (authorization?.startsWith('Bearer ')) {
      // Checking a signature is cheap, so even a locked-out caller's token is checked; asking the
      // identity provider for a key it hasn't used lately is not, and a locked-out caller doesn't get to.
      if (guard && (await fetchesKeys(request))) {
        const lockout = await guard.lockout(request, reply, authorization);
        if (lockout) throw lockout;
      }
      let claims: TokenClaims;
      try {
        claims = await request.jwtVerify<TokenClaims>(clockOptions());
        assertLifetime(claims, now().getTime(), maxAgeMs, hours);
        request.principal = principalOf(claims);
      } catch (error) {
        const refusal =
          error instanceof AppError
            ? error
            : unauthenticated(`The bearer token is not valid: ${(error as Error).message}`);
        throw await refuse(request, reply, authorization, refusal);
      }
      return;
    }
    if (request.routeOptions.config.public || request.routeOptions.url?.startsWith('/docs')) {
      request.principal = { kind: 'anonymous' };
      return;
    }
    throw unauthenticated('Authentication required: send a bearer token or an x-api-key header.');
  });
});
