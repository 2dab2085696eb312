import { afterAll, describe, expect, it } from 'vitest';
import { makeProduct } from '../../testing/fixtures.js';
import { itemOf } from '../contract/harness.js';
import { createPostgresStorage } from './index.js';
import { freshSchema, testDatabase } from './testing/database.js';

const database = await testDatabase();
afterAll(async () => database?.drop());

const laptop = makeProduct({ product_id: 'LAPTOP001', price: 100 });

describe.skipIf(!database)('postgres carts under concurrency', () => {
  /** Two storages on one schema, as two processes would be: separate pools, separate connections. */
  const open = async () => {
    const schema = freshSchema();
    const a = await createPostgresStorage({ url: database!.url, schema, poolMax: 6 });
    const b = await createPostgresStorage({ url: database!.url, schema, poolMax: 6 });
    return { a, b, close: () => Promise.all([a.close(), b.close()]) };
  };

  it('ends 200 concurrent adds over two pools with quantity exactly 200 and 200 versions', async () => {
    const { a, b, close } = await open();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, n) => (n % 2 ? a : b).carts.addItem('u1', itemOf(laptop, 1), 1000)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const cart = await a.carts.get('u1');
    expect(cart.items.map((i) => i.quantity)).toEqual([200]);
    expect(cart.version).toBe(200);
    await close();
  });

  it('lets exactly the allowed units in when 200 concurrent adds race for 150', async () => {
    const { a, b, close } = await open();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, n) => (n % 2 ? a : b).carts.addItem('u1', itemOf(laptop, 1), 150)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(150);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.in_cart === 150)).toBe(true);
    const cart = await b.carts.get('u1');
    expect(cart.items[0]?.quantity).toBe(150);
    expect(cart.version).toBe(150);
    await close();
  });

  it('reads a refused first add as no cart at all', async () => {
    const { a, close } = await open();
    const refused = await a.carts.addItem('u2', itemOf(laptop, 5), 2);
    expect(refused).toEqual({ ok: false, reason: 'EXCEEDS_AVAILABLE', in_cart: 0 });
    expect(await a.carts.get('u2')).toEqual({
      user_id: 'u2',
      items: [],
      version: 0,
      updated_at: new Date(0).toISOString(),
    });
    await close();
  });
});
