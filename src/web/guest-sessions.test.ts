import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp, httpConfigOf } from '../app/http.js';
import { caller, signedIn } from '../testing/api-calls.js';
import { createTestContext } from '../testing/test-context.js';

const SECRET = 'guest-test-secret-long-enough-for-hs256';
let ctx: AppContext;
let app: FastifyInstance;
const call = caller(() => app);
const as = signedIn(SECRET);

beforeAll(async () => {
  ctx = await createTestContext({ JWT_SECRET: SECRET });
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

async function guest() {
  const res = await call('POST', '/api/sessions/guest', {}, {});
  expect(res.statusCode).toBe(201);
  return res.json() as { user_id: string; token: string; expires_at: string };
}

describe('guest sessions', () => {
  it('gives each visitor a fresh guest with a 30-day token that works for their own chat only', async () => {
    const a = await guest();
    const b = await guest();
    expect(a.user_id).toMatch(/^guest-[0-9a-f-]{36}$/);
    expect(a.user_id).not.toBe(b.user_id);
    const days = (Date.parse(a.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const mine = { authorization: `Bearer ${a.token}` };
    const chat = await call('POST', '/api/chat', mine, { user_id: a.user_id, message: 'show me hoodies' });
    expect(chat.statusCode).toBe(200);
    expect((await call('POST', '/api/chat', mine, { user_id: b.user_id, message: 'hi' })).statusCode).toBe(
      403,
    );
  });

  it("merges a guest's cart into the account on sign-in, keeping what could not move", async () => {
    const g = await guest();
    const asGuest = { authorization: `Bearer ${g.token}` };
    const added = await call('POST', '/api/cart/operation', asGuest, {
      action: 'add',
      user_id: g.user_id,
      product_id: 'LAPTOP001',
      color: 'silver',
    });
    expect(added.json().status).toBe('added');
    // Someone else's guest token proves nothing; a made-up one is refused clearly.
    expect(
      (await call('POST', '/api/sessions/merge', as('acct-1'), { user_id: 'acct-2', guest_token: g.token }))
        .statusCode,
    ).toBe(403);
    const forged = await call('POST', '/api/sessions/merge', as('acct-1'), {
      user_id: 'acct-1',
      guest_token: 'x.y.z',
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().message).toMatch(/guest_token/);
    // A customer can't just name a guest: the token is the proof.
    expect(
      (
        await call('POST', '/api/sessions/merge', as('acct-1'), {
          user_id: 'acct-1',
          guest_user_id: g.user_id,
        })
      ).statusCode,
    ).toBe(400);

    const merged = await call('POST', '/api/sessions/merge', as('acct-1'), {
      user_id: 'acct-1',
      guest_token: g.token,
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ merged: 1, skipped: [] });
    expect(merged.json().cart.items.map((i: { product_id: string }) => i.product_id)).toEqual(['LAPTOP001']);
    expect((await ctx.agents.cart.view(g.user_id)).items).toEqual([]);
    // Again: nothing left to move, nothing doubled.
    const again = await call('POST', '/api/sessions/merge', as('acct-1'), {
      user_id: 'acct-1',
      guest_token: g.token,
    });
    expect(again.json().cart.items[0].quantity).toBe(1);
  });
});

describe('guest session limits', () => {
  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };

  it('says the real limit and window when an address starts too many guests', async () => {
    const limited = await buildApp(ctx, {
      logger: false,
      security: { ...httpConfigOf(ctx).security, guestSessionsPerHour: 2 },
    });
    try {
      const start = () => limited.inject({ method: 'POST', url: '/api/sessions/guest', payload: {} });
      expect([(await start()).statusCode, (await start()).statusCode]).toEqual([201, 201]);
      const refused = await start();
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json().message).toMatch(
        /^Too many guest sessions from this address: at most 2 an hour\./,
      );
    } finally {
      await limited.close();
    }
  });

  it("issues tokens that carry exp by the app's clock, no longer-lived than JWT_MAX_AGE_HOURS", async () => {
    const clock = new Date('2031-05-01T12:00:00Z');
    const strict = await buildApp(
      { ...ctx, now: () => clock },
      { logger: false, auth: { ...httpConfigOf(ctx).auth, maxAgeHours: 2 } },
    );
    try {
      const g = (await strict.inject({ method: 'POST', url: '/api/sessions/guest', payload: {} })).json();
      expect(g.expires_at).toBe('2031-05-01T14:00:00.000Z');
      const claims = claimsOf(g.token);
      expect([claims.iat, claims.exp].map((s) => new Date(s * 1000).toISOString())).toEqual([
        '2031-05-01T12:00:00.000Z',
        '2031-05-01T14:00:00.000Z',
      ]);
      const chat = await strict.inject({
        method: 'POST',
        url: '/api/chat',
        headers: { authorization: `Bearer ${g.token}` },
        payload: { user_id: g.user_id, message: 'hi' },
      });
      expect(chat.statusCode).toBe(200);
    } finally {
      await strict.close();
    }
    // The default: a guest's 30 days, exactly, as its expiry says.
    const { token, expires_at } = await guest();
    const { iat, exp } = claimsOf(token);
    expect(exp - iat).toBe(30 * 86_400);
    expect(Date.parse(expires_at)).toBe(exp * 1000);
  });
});
