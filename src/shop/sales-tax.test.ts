import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseData } from '../flows/cards.js';
import { createTestApp } from '../testing/test-app.js';

const SALES_TAX = fileURLToPath(new URL('../testing/shops/sales-tax.yaml', import.meta.url));

describe('a shop that adds sales tax to its prices', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, close } = await createTestApp({ SHOP_CONFIG_FILE: SALES_TAX }));
  }, 60_000);
  afterAll(() => close());

  // A silver member with 850 points: the tier discount and points both come off before tax.
  const user = 'user123';
  let sessionId: string | undefined;
  const say = async (message: string) => {
    const body = (
      await app.inject({
        method: 'POST',
        url: '/api/chat',
        payload: { user_id: user, message, ...(sessionId ? { session_id: sessionId } : {}) },
      })
    ).json();
    sessionId = body.session_id;
    return body as { response: string; data: ResponseData };
  };
  const cents = (amount: number) => Math.round(amount * 100);
  // 8.75% of whole cents, rounded half up: worked out here, apart from the money helpers.
  const taxOn = (amount: number) => Math.round((cents(amount) * 875) / 10_000) / 100;

  it('adds a tax line on the discounted goods to the summary, the placed order and its record', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/cart/operation',
      payload: { action: 'add', user_id: user, product_id: 'LAPTOP001', color: 'silver' },
    });
    await say('redeem 300 points');
    const summary = await say('checkout, ship to 12 Market St, San Francisco, CA 94103');
    const t = summary.data.checkout!.summary.totals;
    expect(t).toMatchObject({ subtotal: 1299.99, tier_discount: 65, points_discount: 30 });
    const goods = (cents(t.subtotal) - cents(t.tier_discount) - cents(t.points_discount)) / 100;
    expect(t.tax).toBe(taxOn(goods));
    expect(cents(t.total)).toBe(cents(goods) + cents(t.shipping) + cents(t.tax));
    expect(summary.response).toContain(`\nSales tax (8.75%): $${t.tax.toFixed(2)}\n`);

    const placed = await say('yes');
    const order = placed.data.order;
    expect(order).toMatchObject({ tax: t.tax, total: t.total });
    expect(placed.response).toContain(`\nSales tax (8.75%): $${t.tax.toFixed(2)}\nTotal: $`);
    const listed = (await app.inject({ method: 'GET', url: `/api/orders?user_id=${user}` })).json();
    expect(listed.orders[0]).toMatchObject({ order_id: order?.order_id, tax: t.tax, total: t.total });
  });
});
