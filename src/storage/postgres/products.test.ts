import { afterAll, describe, expect, it } from 'vitest';
import type { ProductVariant } from '../../domain/types.js';
import { makeProduct } from '../../testing/fixtures.js';
import { createPostgresStorage } from './index.js';
import { freshSchema, testDatabase } from './testing/database.js';

const database = await testDatabase();
afterAll(async () => database?.drop());

describe.skipIf(!database)('postgres products', () => {
  it('keeps a variant’s own price and compare-at price, and no such keys when it has none', async () => {
    const storage = await createPostgresStorage({ url: database!.url, schema: freshSchema() });
    const priced = { sku: 'TEE-L', color: 'red', size: 'L', price: 24.5, compare_at_price: 30 };
    const plain: ProductVariant = { sku: 'TEE-M', color: 'red', size: 'M' };
    await storage.products.upsertMany([
      makeProduct({ product_id: 'TEE', price: 20, variants: [plain, priced] }),
    ]);
    expect((await storage.products.get('TEE'))?.variants).toEqual([plain, priced]);
    await storage.close();
  });

  it('replaces variants and keeps the last of a product named twice in one write', async () => {
    const storage = await createPostgresStorage({ url: database!.url, schema: freshSchema() });
    const first = makeProduct({
      product_id: 'P1',
      name: 'First',
      variants: [{ sku: 'A', color: null, size: null }],
    });
    const second = { ...first, name: 'Second', variants: [{ sku: 'B', color: 'blue', size: null }] };
    await storage.products.upsertMany([first]);
    await storage.products.upsertMany([first, second]);
    const stored = await storage.products.get('P1');
    expect(stored?.name).toBe('Second');
    expect(stored?.variants).toEqual(second.variants);
    expect((await storage.products.search({ text: 'second' })).map((p) => p.product_id)).toEqual(['P1']);
    expect(await storage.products.search({ text: 'first' })).toEqual([]);
    await storage.close();
  });
});
