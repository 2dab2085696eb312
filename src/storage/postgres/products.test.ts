import { afterAll, describe, expect, it } from 'vitest';
import type { ProductVariant } from '../../domain/types.js';
import { makeProduct } from '../../testing/fixtures.js';
import type { Storage } from '../ports.js';
import { createSqliteStorage } from '../sqlite/index.js';
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

  it('ranks as SQLite does a prefix standing for many stems, and words said twice in a field', async () => {
    const storage = await createPostgresStorage({ url: database!.url, schema: freshSchema() });
    const sqlite = await createSqliteStorage(':memory:');
    // 24 stems starting with 'pro' (more than are widened one by one), repeated in some descriptions.
    const products = Array.from({ length: 24 }, (_, n) => {
      const stem = `pro${String.fromCharCode(97 + n)}x`;
      return makeProduct({
        product_id: `P${String(n).padStart(2, '0')}`,
        name: `Kit ${stem}${n % 3 === 0 ? ' Pro' : ''}`,
        description: `A kit. ${n % 4 === 0 ? `${stem} ${stem} kit` : 'Plain.'} ${'word '.repeat(n % 5)}`,
        tags: n % 2 ? ['pro'] : [],
        popularity: n % 7,
      });
    });
    await storage.products.upsertMany(products);
    await sqlite.products.upsertMany(products);
    for (const text of ['pro', 'kit pro', 'kit kit', 'kit proax']) {
      const ids = async (s: Storage) =>
        (await s.products.search({ text, limit: 30 })).map((p) => p.product_id);
      expect(await ids(storage), text).toEqual(await ids(sqlite));
    }
    await sqlite.close();
    await storage.close();
  });

  it('keeps the catalogue totals bm25 reads right when imports overlap', async () => {
    const schema = freshSchema();
    const a = await createPostgresStorage({ url: database!.url, schema, poolMax: 4 });
    const b = await createPostgresStorage({ url: database!.url, schema, poolMax: 4 });
    const batch = (from: number, words: string) =>
      Array.from({ length: 10 }, (_, n) =>
        makeProduct({ product_id: `P${from + n}`, name: `Thing ${from + n}`, description: words }),
      );
    await Promise.all(
      [0, 5, 0, 5, 10].map((from, i) =>
        (i % 2 ? a : b).products.upsertMany(batch(from, `words ${'x '.repeat(i)}`)),
      ),
    );
    const [totals] = await a.pg.query<{ products: number; words: number; counted: number; summed: number }>(
      `SELECT s.products, s.words, (SELECT count(*) FROM products) AS counted,
         (SELECT sum(search_words) FROM products) AS summed FROM product_search_stats s`,
    );
    expect(totals?.counted).toBe(20);
    expect(totals?.products).toBe(totals?.counted);
    expect(totals?.words).toBe(totals?.summed);
    await a.close();
    await b.close();
  });
});
