import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { createTestContext } from '../testing/test-context.js';
import { hs256 } from '../testing/tokens.js';
import { buildApp, httpConfigOf } from '../app/http.js';

const SECRET = 'hardening-test-secret-long-enough-for-hs256';
let local: AppContext;
let localApp: FastifyInstance;
let secured: AppContext;
let securedApp: FastifyInstance;

beforeAll(async () => {
  local = await createTestContext();
  localApp = await buildApp(local, { logger: false });
  secured = await createTestContext({
    JWT_SECRET: SECRET,
    TWILIO_AUTH_TOKEN: 'tw',
    TWILIO_WEBHOOK_URL: 'https://shop.example/api/webhook/sms',
  });
  securedApp = await buildApp(secured, { logger: false });
});
afterAll(async () => {
  await localApp.close();
  await securedApp.close();
  await local.close();
  await secured.close();
});

describe('inputs that used to crash a route get a 4xx naming the problem', () => {
  it('an object-internal category name on /api/recommendations', async () => {
    for (const category of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const res = await localApp.inject({
        method: 'POST',
        url: '/api/recommendations',
        payload: { user_id: 'user123', category },
      });
      expect(res.statusCode, category).toBeLessThan(500);
    }
  });

  it('an SMS webhook whose body is null, or an array nested 30,000 deep', async () => {
    for (const app of [localApp, securedApp]) {
      for (const payload of ['null', `${'['.repeat(30_000)}${']'.repeat(30_000)}`]) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/webhook/sms',
          headers: { 'content-type': 'application/json' },
          payload,
        });
        expect(res.statusCode, payload.slice(0, 8)).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, payload.slice(0, 8)).toBeLessThan(500);
      }
    }
  });

  it('a validly signed token whose roles is a number, an object or a boolean', async () => {
    for (const roles of [7, { admin: true }, true, 'admin']) {
      const res = await securedApp.inject({
        method: 'POST',
        url: '/api/chat',
        headers: { authorization: `Bearer ${hs256({ sub: 'user123', roles }, SECRET)}` },
        payload: { user_id: 'user123', message: 'hi' },
      });
      expect(res.statusCode, JSON.stringify(roles)).toBe(401);
      expect(res.json().message).toMatch(/roles/);
    }
  });
});

describe('tokens that would never run out', () => {
  const HOUR = 3600;
  const at = (offsetSeconds: number) => Math.floor(Date.now() / 1000) + offsetSeconds;
  const chat = (claims: object, app = securedApp) =>
    app.inject({
      method: 'POST',
      url: '/api/chat',
      headers: { authorization: `Bearer ${hs256({ sub: 'user123', ...claims }, SECRET)}` },
      payload: { user_id: 'user123', message: 'hi' },
    });

  it('refuses a well-signed token without exp, a customer one or an admin one', async () => {
    // `exp: undefined` leaves the claim out of the signed token.
    for (const claims of [{ exp: undefined }, { exp: undefined, role: 'admin' }]) {
      const res = await chat(claims);
      expect(res.statusCode, JSON.stringify(claims)).toBe(401);
      expect(res.json().message).toMatch(/exp claim is required/);
    }
  });

  it('accepts a token for at most JWT_MAX_AGE_HOURS (30 days by default) after it was issued', async () => {
    expect((await chat({ iat: at(-29 * 24 * HOUR), exp: at(HOUR) })).statusCode).toBe(200);
    expect((await chat({ iat: at(-31 * 24 * HOUR), exp: at(HOUR) })).statusCode).toBe(401);
    // Without iat, it may not be set to expire further away than that.
    expect((await chat({ iat: undefined, exp: at(HOUR) })).statusCode).toBe(200);
    const forever = await chat({ iat: undefined, exp: at(10 * 365 * 24 * HOUR) });
    expect(forever.statusCode).toBe(401);
    expect(forever.json().message).toMatch(/720 hours/);

    const strict = await buildApp(secured, {
      logger: false,
      auth: { ...httpConfigOf(secured).auth, maxAgeHours: 1 },
    });
    try {
      expect((await chat({ iat: at(-2 * HOUR), exp: at(HOUR) }, strict)).statusCode).toBe(401);
      expect((await chat({ iat: at(-HOUR / 2), exp: at(HOUR) }, strict)).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it("reads expiry against the app's clock", async () => {
    const later = await buildApp(
      { ...secured, now: () => new Date(Date.now() + 2 * HOUR * 1000) },
      { logger: false },
    );
    try {
      expect((await chat({ exp: at(HOUR) }, later)).statusCode).toBe(401);
      expect((await chat({ exp: at(3 * HOUR) }, later)).statusCode).toBe(200);
    } finally {
      await later.close();
    }
  });
});
