import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { moneyFormatter } from '../domain/money.js';
import { createTestContext } from '../testing/test-context.js';
import { modelCostFormat, moneyFormat } from './client/money.js';

const TOKYO = fileURLToPath(new URL('../testing/shops/tokyo.yaml', import.meta.url));

// The chat page, widget and console write amounts exactly as the assistant's replies do: in the shop's
// currency and locale, which a public route tells them.
const shops: { ctx: AppContext; app: FastifyInstance }[] = [];
beforeAll(async () => {
  const envs: Record<string, string>[] = [
    { JWT_SECRET: 'shop-money-secret-long-enough-for-hs256' },
    { SHOP_CONFIG_FILE: TOKYO },
  ];
  for (const env of envs) {
    const ctx = await createTestContext(env);
    shops.push({ ctx, app: await buildApp(ctx, { logger: false }) });
  }
});
afterAll(async () => {
  for (const { ctx, app } of shops) {
    await app.close();
    await ctx.close();
  }
});

describe("the shop's money format", () => {
  it('is public at GET /api/shop, documented, and the one the replies use', async () => {
    const [bayside, sakura] = shops;
    // Asked with no credentials of a server that requires them: a visitor's page needs it first.
    const res = await bayside!.app.inject({ method: 'GET', url: '/api/shop' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: 'Bayside Goods', currency: 'USD', locale: 'en-US' });
    const tokyo = (await sakura!.app.inject({ method: 'GET', url: '/api/shop' })).json();
    expect(tokyo).toEqual({ name: 'Sakura Street Store', currency: 'JPY', locale: 'ja-JP' });
    const spec = (await bayside!.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(spec.paths['/api/shop'].get.responses['200']).toBeDefined();
  });

  it("formats in the client exactly as the server's replies do", async () => {
    for (const { ctx } of shops) {
      const { currency, locale } = ctx.config.shop;
      const server = moneyFormatter(currency, locale);
      for (const amount of [0, 5.5, 62.99, 1299.99, 12345])
        expect(moneyFormat({ currency, locale })(amount)).toBe(server(amount));
    }
    expect(moneyFormat({ currency: 'USD', locale: 'en-US' })(1299.99)).toBe('$1,299.99');
    // Before the shop says its currency: a plain number, never a symbol that may be wrong.
    expect(moneyFormat(null)(1299.99)).not.toMatch(/[$€¥￥£]/);
    expect(modelCostFormat({ currency: 'JPY', locale: 'en-US' })(0.00041)).toBe('$0.0004');
  });
});
