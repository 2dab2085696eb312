import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../bootstrap.js';
import { createTestContext } from '../testing/test-context.js';
import { hs256 } from '../testing/tokens.js';
import { buildApp } from './app.js';
import { depsFrom } from './deps.js';

const SECRET = 'hardening-test-secret-long-enough-for-hs256';
let local: AppContext;
let localApp: FastifyInstance;
let secured: AppContext;
let securedApp: FastifyInstance;

beforeAll(async () => {
  local = await createTestContext();
  localApp = await buildApp({ ...depsFrom(local), logger: undefined });
  secured = await createTestContext({
    JWT_SECRET: SECRET,
    TWILIO_AUTH_TOKEN: 'tw',
    TWILIO_WEBHOOK_URL: 'https://shop.example/api/webhook/sms',
  });
  securedApp = await buildApp({ ...depsFrom(secured), logger: undefined });
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
