import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { createTestContext } from '../testing/test-context.js';
import { hs256, rs256 } from '../testing/tokens.js';
import { buildApp } from '../app/http.js';
import { httpConfigOf, type HttpConfig, type HttpOptions } from '../app/http.js';

const SECRET = 'lockout-test-secret-long-enough-for-hs256';
const WRONG = 'a-secret-this-server-has-never-heard-of';
const API_KEY = 'sk_test_lockout_0123456789abcdef';
const TG_SECRET = 'telegram_lockout-secret';
const PROXY = '10.0.0.1';
const LIMIT = 20;

let ctx: AppContext;
let proxied: AppContext;
const apps: FastifyInstance[] = [];

async function app(from: AppContext, overrides: HttpOptions = {}): Promise<FastifyInstance> {
  const instance = await buildApp(from, { logger: false, ...overrides });
  apps.push(instance);
  return instance;
}

beforeAll(async () => {
  const env = {
    JWT_SECRET: SECRET,
    API_KEYS: API_KEY,
    TELEGRAM_BOT_TOKEN: '123:abc',
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    // Nothing here sends: the webhook below carries no message.
    TELEGRAM_API_BASE_URL: 'http://127.0.0.1:9',
  };
  ctx = await createTestContext(env);
  proxied = await createTestContext({ ...env, TRUST_PROXY: PROXY });
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await ctx.close();
  await proxied.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** A token this server did not sign: a different one every call unless `sub` is given. */
let n = 0;
const forged = (sub = `guess-${n++}`) => bearer(hs256({ sub }, WRONG));
const valid = (sub: string) => bearer(hs256({ sub }, SECRET));

/** A chat call as `user` (the `sub` of a valid token), from a socket address, maybe through the proxy. */
const chat = (a: FastifyInstance, headers: Record<string, string>, from: Partial<InjectOptions> = {}) =>
  a.inject({
    method: 'POST',
    url: '/api/chat',
    headers: { ...headers, ...(from.headers as Record<string, string>) },
    remoteAddress: from.remoteAddress ?? '127.0.0.1',
    payload: { user_id: 'user123', message: 'hi' },
  });
const viaProxy = (client: string) => ({ remoteAddress: PROXY, headers: { 'x-forwarded-for': client } });

describe('failed sign-ins behind a reverse proxy (TRUST_PROXY)', () => {
  it('locks out only the client that failed, and never a valid token, key or signature', async () => {
    const a = await app(proxied);
    const statuses = [];
    for (let i = 0; i <= LIMIT; i++)
      statuses.push((await chat(a, forged(), viaProxy('203.0.113.5'))).statusCode);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429]);
    const refused = await chat(a, forged(), viaProxy('203.0.113.5'));
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().message).toMatch(/from this address: at most 20 a minute/);

    // Another customer behind the same proxy is not touched: a wrong token is still just wrong...
    expect((await chat(a, forged(), viaProxy('198.51.100.7'))).statusCode).toBe(401);
    // ...and a right one works, from them and from the client that was locked out.
    expect((await chat(a, valid('user123'), viaProxy('198.51.100.7'))).statusCode).toBe(200);
    expect((await chat(a, valid('user123'), viaProxy('203.0.113.5'))).statusCode).toBe(200);
    expect((await chat(a, { 'x-api-key': API_KEY }, viaProxy('203.0.113.5'))).statusCode).toBe(200);
    const webhook = await a.inject({
      method: 'POST',
      url: '/api/webhook/telegram',
      headers: { 'x-telegram-bot-api-secret-token': TG_SECRET, 'x-forwarded-for': '203.0.113.5' },
      remoteAddress: PROXY,
      payload: { update_id: 1 },
    });
    expect(webhook.statusCode).toBe(200);
  });

  it('believes X-Forwarded-For only from the proxies it names, and not at all by default', async () => {
    const whoami = async (from: AppContext, trustProxy?: HttpConfig['security']['trustProxy']) => {
      const a = await app(
        from,
        trustProxy === undefined ? {} : { security: { ...httpConfigOf(from).security, trustProxy } },
      );
      a.get('/whoami', { config: { public: true } }, async (request) => request.ip);
      return (remoteAddress: string, forwarded: string) =>
        a
          .inject({ method: 'GET', url: '/whoami', remoteAddress, headers: { 'x-forwarded-for': forwarded } })
          .then((r) => r.body);
    };
    const off = await whoami(ctx);
    expect(await off(PROXY, '203.0.113.5')).toBe(PROXY);
    const named = await whoami(proxied);
    expect(await named(PROXY, '6.6.6.6, 203.0.113.5')).toBe('203.0.113.5');
    // A client reaching the server directly can't name itself someone else.
    expect(await named('192.0.2.50', '203.0.113.5')).toBe('192.0.2.50');
    const oneHop = await whoami(ctx, 1);
    expect(await oneHop('10.9.9.9', '6.6.6.6, 203.0.113.5')).toBe('203.0.113.5');
    const twoHops = await whoami(ctx, 2);
    expect(await twoHops('10.9.9.9', '6.6.6.6, 203.0.113.5')).toBe('6.6.6.6');
  });

  it('without TRUST_PROXY, a client gets no fresh allowance by writing X-Forwarded-For', async () => {
    const a = await app(ctx);
    const statuses = [];
    for (let i = 0; i <= LIMIT; i++)
      statuses.push(
        (
          await chat(a, forged(), {
            remoteAddress: '192.0.2.60',
            headers: { 'x-forwarded-for': `198.18.0.${i}` },
          })
        ).statusCode,
      );
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('failed sign-ins per credential', () => {
  it('limits one refused token or key however many addresses it comes from', async () => {
    const a = await app(ctx);
    const stolen = forged('user123');
    const statuses = [];
    for (let i = 0; i <= LIMIT; i++)
      statuses.push((await chat(a, stolen, { remoteAddress: `192.0.2.${i + 1}` })).statusCode);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429]);
    const last = await chat(a, stolen, { remoteAddress: '192.0.2.200' });
    expect(last.statusCode).toBe(429);
    expect(last.json().message).toMatch(/with these credentials/);
    // Another credential from those addresses is judged on its own.
    expect((await chat(a, forged(), { remoteAddress: '192.0.2.201' })).statusCode).toBe(401);
    expect((await chat(a, valid('user123'), { remoteAddress: '192.0.2.1' })).statusCode).toBe(200);

    const wrongKey = { 'x-api-key': 'sk_test_revoked_0123456789abcdef' };
    const keyStatuses = [];
    for (let i = 0; i <= LIMIT; i++)
      keyStatuses.push((await chat(a, wrongKey, { remoteAddress: `198.51.100.${i + 1}` })).statusCode);
    expect(keyStatuses.at(-2)).toBe(401);
    expect(keyStatuses.at(-1)).toBe(429);
  });
});

describe('an identity provider (JWKS) while an address is locked out', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let server: Server;
  let fetches = 0;
  let jwksUrl = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => void server.close());

  it("checks a locked-out address's tokens against known keys only, and never fetches keys for it", async () => {
    const a = await app(ctx, { auth: { ...httpConfigOf(ctx).auth, jwksUrl } });
    const signedBy = (kid: string) => bearer(rs256({ sub: 'user123' }, privateKey, kid));
    expect((await chat(a, signedBy('k1'), { remoteAddress: '192.0.2.70' })).statusCode).toBe(200);
    expect(fetches).toBe(1);
    for (let i = 0; i < LIMIT; i++) await chat(a, forged(), { remoteAddress: '192.0.2.71' });

    expect((await chat(a, signedBy('k1'), { remoteAddress: '192.0.2.71' })).statusCode).toBe(200);
    const unknown = await chat(a, signedBy('k-unknown'), { remoteAddress: '192.0.2.71' });
    expect(unknown.statusCode).toBe(429);
    expect(fetches).toBe(1);
    // From an address in good standing, an unknown key is looked up (and refused).
    expect((await chat(a, signedBy('k-other'), { remoteAddress: '192.0.2.72' })).statusCode).toBe(401);
    expect(fetches).toBe(2);
  });
});
