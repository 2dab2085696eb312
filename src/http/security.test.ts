import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { assertSafeBinding, ConfigError, loadConfig } from '../config.js';
import { createTestContext } from '../testing/test-context.js';
import { hs256, rs256 } from '../testing/tokens.js';
import { buildApp } from '../app/http.js';
import type { HttpOptions } from '../app/http.js';

const SECRET = 'test-secret-that-is-long-enough-for-hs256';
const API_KEY = 'sk_test_0123456789abcdefghijklmnop';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

let ctx: AppContext;
let jwksServer: Server;
let jwksUrl: string;
const apps: FastifyInstance[] = [];

async function app(overrides: HttpOptions = {}): Promise<FastifyInstance> {
  const instance = await buildApp(ctx, {
    logger: false,
    auth: { jwtSecret: SECRET, jwksUrl, apiKeys: [API_KEY] },
    ...overrides,
  });
  apps.push(instance);
  return instance;
}

beforeAll(async () => {
  ctx = await createTestContext();
  jwksServer = createServer((req, res) => {
    if (req.url !== '/keys/jwks.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }],
      }),
    );
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/keys/jwks.json`;
});
afterAll(async () => {
  for (const a of apps) await a.close();
  jwksServer.close();
  await ctx.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const chat = (a: FastifyInstance, user: string, headers: Record<string, string> = {}, extra: object = {}) =>
  a.inject({
    method: 'POST',
    url: '/api/chat',
    headers,
    payload: { user_id: user, message: 'hi', ...extra },
  });

describe('authentication', () => {
  it('requires credentials, but leaves health, products and docs public', async () => {
    const a = await app();
    const res = await chat(a, 'user123');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('UNAUTHENTICATED');
    expect((await a.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await a.inject({ method: 'GET', url: '/api/products/LAPTOP001' })).statusCode).toBe(200);
    expect((await a.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });

  it('rejects bad, expired and foreign-signed tokens and wrong API keys', async () => {
    const a = await app();
    for (const token of [
      'not-a-jwt',
      hs256({ sub: 'user123' }, SECRET, -60),
      hs256({ sub: 'user123' }, 'another-secret-that-is-also-long-enough'),
      hs256({ role: 'admin' }, SECRET),
    ]) {
      expect((await chat(a, 'user123', bearer(token))).statusCode).toBe(401);
    }
    expect((await chat(a, 'user123', { 'x-api-key': 'sk_test_wrong_key_0123456789' })).statusCode).toBe(401);
  });

  it('lets a customer act only for themselves (no IDOR)', async () => {
    const a = await app();
    const me = bearer(hs256({ sub: 'user123' }, SECRET));
    const mine = await chat(a, 'user123', me);
    expect(mine.statusCode).toBe(200);
    expect((await chat(a, 'customer001', me)).statusCode).toBe(403);
    const cart = await a.inject({
      method: 'POST',
      url: '/api/cart/operation',
      headers: me,
      payload: { action: 'view', user_id: 'customer001' },
    });
    expect(cart.statusCode).toBe(403);
    const loyalty = await a.inject({
      method: 'POST',
      url: '/api/loyalty/status',
      headers: me,
      payload: { user_id: 'customer001' },
    });
    expect(loyalty.statusCode).toBe(403);

    const other = bearer(hs256({ sub: 'customer001' }, SECRET));
    const theirs = (await chat(a, 'customer001', other)).json().session_id as string;
    const read = (id: string, headers: Record<string, string>) =>
      a.inject({ method: 'GET', url: `/api/conversations/${id}`, headers });
    // Another customer's conversation reads exactly like one that does not exist: no way to tell them apart.
    const stolen = await read(theirs, me);
    const missing = await read('no-such-session', me);
    expect([stolen.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(stolen.json().message.replace(theirs, 'X')).toBe(
      missing.json().message.replace('no-such-session', 'X'),
    );
    expect((await read(theirs, other)).statusCode).toBe(200);
    // Their session id doesn't let me continue their conversation as myself either, nor write into it.
    const before = (await read(theirs, other)).json().messages.length;
    expect((await chat(a, 'user123', me, { session_id: theirs })).statusCode).toBe(404);
    const after = (await read(theirs, other)).json();
    expect(after.messages).toHaveLength(before);
    expect(after.user_id).toBe('customer001');
  });

  it('lets admins and API keys act for any user', async () => {
    const a = await app();
    const admin = bearer(hs256({ sub: 'ops-1', role: 'admin' }, SECRET));
    expect((await chat(a, 'customer001', admin)).statusCode).toBe(200);
    await a.inject({
      method: 'POST',
      url: '/api/cart/operation',
      headers: admin,
      payload: { action: 'add', user_id: 'customer001', product_id: 'LAPTOP001', color: 'grey' },
    });
    expect((await ctx.storage.audit.list({ user_id: 'customer001', limit: 1 }))[0]).toMatchObject({
      action: 'cart.add',
      actor: 'admin:ops-1',
    });
    expect((await chat(a, 'customer002', { 'x-api-key': API_KEY })).statusCode).toBe(200);
  });

  it('answers 503 for a channel webhook that is not configured', async () => {
    const a = await app();
    const res = await a.inject({ method: 'POST', url: '/api/webhook/telegram', payload: { update_id: 1 } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toBe('CHANNEL_NOT_CONFIGURED');
  });

  it('accepts RS256 tokens whose key comes from the JWKS URL', async () => {
    const a = await app();
    expect((await chat(a, 'user123', bearer(rs256({ sub: 'user123' }, privateKey, 'k1')))).statusCode).toBe(
      200,
    );
    expect(
      (await chat(a, 'user123', bearer(rs256({ sub: 'user123' }, privateKey, 'unknown-kid')))).statusCode,
    ).toBe(401);
  });
});

describe('local-only mode', () => {
  it('refuses to bind beyond loopback without authentication, and allows it with', () => {
    expect(() => assertSafeBinding(loadConfig({ API_HOST: '0.0.0.0' }))).toThrow(ConfigError);
    expect(() => assertSafeBinding(loadConfig({ API_HOST: '0.0.0.0', JWT_SECRET: SECRET }))).not.toThrow();
    expect(() => assertSafeBinding(loadConfig({ API_HOST: '127.0.0.1' }))).not.toThrow();
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});

describe('rate limit, CORS and headers', () => {
  it('limits each user, answering 429 with Retry-After', async () => {
    const a = await app({ auth: { apiKeys: [] }, security: { rateLimitPerMinute: 3, corsOrigins: [] } });
    for (let i = 0; i < 3; i++) expect((await chat(a, 'rl-user')).statusCode).toBe(200);
    const limited = await chat(a, 'rl-user');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ error: 'RATE_LIMITED' });
    expect((await chat(a, 'rl-other')).statusCode).toBe(200);
  });

  it('limits per IP as well when the caller names the user, so new user ids buy no new allowance', async () => {
    const a = await app({
      security: { rateLimitPerMinute: 100, rateLimitPerIpPerMinute: 4, corsOrigins: [] },
    });
    const key = { 'x-api-key': API_KEY };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await chat(a, `rotating-${i}`, key)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    // Another address is its own budget; a customer acting for themselves is limited per user only.
    const elsewhere = await a.inject({
      method: 'POST',
      url: '/api/chat',
      headers: key,
      remoteAddress: '10.0.0.9',
      payload: { user_id: 'rotating-9', message: 'hi' },
    });
    expect(elsewhere.statusCode).toBe(200);
    expect((await chat(a, 'user123', bearer(hs256({ sub: 'user123' }, SECRET)))).statusCode).toBe(200);
  });

  it("answers an address's failed sign-ins 429 past AUTH_FAILURES_PER_MINUTE, yet lets its valid credentials in", async () => {
    const a = await app({ security: { rateLimitPerMinute: 100, authFailuresPerMinute: 3, corsOrigins: [] } });
    const from = (remoteAddress: string, headers: Record<string, string>) =>
      a.inject({
        method: 'POST',
        url: '/api/chat',
        headers,
        remoteAddress,
        payload: { user_id: 'user123', message: 'hi' },
      });
    let guesses = 0;
    const wrong = () => ({ 'x-api-key': `sk_test_guess_${guesses++}_0123456789abcdef` });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from('10.0.0.66', wrong())).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await from('10.0.0.66', wrong());
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The right key is never refused for what others tried from the same address...
    expect((await from('10.0.0.66', { 'x-api-key': API_KEY })).statusCode).toBe(200);
    // ...and other addresses' failures are their own.
    expect((await from('10.0.0.67', wrong())).statusCode).toBe(401);
  });

  it('answers preflights without CORS headers when CORS_ORIGINS is unset, never asking for credentials', async () => {
    const a = await app({ security: { rateLimitPerMinute: 100, authFailuresPerMinute: 3, corsOrigins: [] } });
    for (let i = 0; i < 5; i++) {
      const preflight = await a.inject({
        method: 'OPTIONS',
        url: '/api/chat',
        remoteAddress: '10.0.0.80',
        headers: {
          origin: 'https://shop.example',
          'access-control-request-method': 'POST',
          // Browsers send none; one that does is not checked, nor counted.
          ...(i % 2 ? { 'x-api-key': 'sk_test_wrong_key_0123456789' } : {}),
        },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    }
    const afterwards = await a.inject({
      method: 'POST',
      url: '/api/chat',
      remoteAddress: '10.0.0.80',
      headers: { 'x-api-key': 'sk_test_wrong_key_0123456789' },
      payload: { user_id: 'user123', message: 'hi' },
    });
    expect(afterwards.statusCode).toBe(401);
  });

  it('answers CORS only for configured origins and sets security headers', async () => {
    const a = await app({
      auth: { apiKeys: [] },
      security: { rateLimitPerMinute: 100, corsOrigins: ['https://shop.example'] },
    });
    const ok = await a.inject({
      method: 'OPTIONS',
      url: '/api/chat',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example');
    const other = await a.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['x-content-type-options']).toBe('nosniff');
    expect(other.headers['strict-transport-security']).toBeDefined();
  });
});

/** A live Redis for the shared-limit test; TEST_REDIS_URL overrides the machine's default. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('rate limit shared through Redis (live service)', async () => {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
    enableOfflineQueue: false,
  });
  probe.on('error', () => undefined);
  const available = await probe
    .connect()
    .then(() => probe.ping())
    .then(() => true)
    .catch(() => false);
  probe.disconnect();
  if (!available)
    console.log(
      `skipping the shared rate-limit test: no Redis answers at ${REDIS_URL} (start one with \`redis-server\`)`,
    );

  it.skipIf(!available)('counts one user across two app instances', async () => {
    const user = `shared-${Date.now()}`;
    const clients = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    try {
      const [a, b] = await Promise.all(
        clients.map((redis) =>
          app({ auth: { apiKeys: [] }, security: { rateLimitPerMinute: 4, corsOrigins: [], redis } }),
        ),
      );
      const codes = [];
      for (const instance of [a!, b!, a!, b!, a!, b!]) codes.push((await chat(instance, user)).statusCode);
      expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      for (const c of clients) c.disconnect();
    }
  });
});
