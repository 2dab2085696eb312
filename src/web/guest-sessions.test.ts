import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../bootstrap.js';
import { buildApp } from '../http/app.js';
import { depsFrom } from '../http/deps.js';
import { caller, signedIn } from '../testing/api-calls.js';
import { createTestContext } from '../testing/test-context.js';

const SECRET = 'guest-test-secret-long-enough-for-hs256';
let ctx: AppContext;
let app: FastifyInstance;
const call = caller(() => app);
const as = signedIn(SECRET);

beforeAll(async () => {
  ctx = await createTestContext({ JWT_SECRET: SECRET });
  app = await buildApp({ ...depsFrom(ctx), logger: undefined });
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
