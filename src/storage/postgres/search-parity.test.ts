import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProducts, SAMPLE_STORES } from '../../data/sample-data.js';
import type { ProductQuery, Storage } from '../ports.js';
import { createSqliteStorage } from '../sqlite/index.js';
import { createPostgresStorage } from './index.js';
import { freshSchema, testDatabase } from './testing/database.js';

const database = await testDatabase();
afterAll(async () => database?.drop());

/** What shoppers and the agents search for: names, kinds, brands, colours, categories, prices, a typo. */
const QUERIES: ProductQuery[] = [
  { text: 'laptop for work' },
  { text: 'noise cancelling headphones' },
  { text: 'waterproof jacket' },
  { text: 'running shoes' },
  { text: 'yoga mat' },
  { text: 'Northwind ProBook' },
  { text: 'Cloud Fleece Hoodie' },
  { text: 'phone with good camera' },
  { text: 'laptop with long battery' },
  { text: '15.6 inch laptop' },
  { text: 'organic cotton t-shirt' },
  { text: 'summer dress' },
  { text: 'tablet for kids', max_price: 300 },
  { text: 'jack' },
  { text: 'espresso machine' },
  { text: 'tent for camping', in_stock_only: true },
  { text: 'Trailside hoodie' },
  { text: 'hoodie', color: 'black' },
  { text: 'grey hoodie', color: 'grey', in_stock_only: true },
  { text: 'gaming laptop', max_price: 1500 },
  { text: 'trail shoes', size: '10' },
  { text: 'headphones for travel', max_price: 200 },
  { text: '5g phone', min_price: 500 },
  { text: 'work', category: 'laptops' },
  { text: 'waterproof', category: 'jackets', size: 'L' },
  { text: 'wireles headphones' },
  { text: 'maxi dress floral', max_price: 150 },
  { category: 'hoodies', size: 'M' },
  { category: 'laptops', min_price: 1000, max_price: 1500 },
  { brand: 'northwind' },
];

/** The sample catalogue `setup-data` writes (500 products, their stock, the stores). */
async function loadSample(storage: Storage): Promise<void> {
  await storage.inventory.upsertStores(SAMPLE_STORES);
  for (const batch of generateProducts(500)) {
    await storage.products.upsertMany(batch.products);
    await storage.inventory.setStock(batch.stock);
  }
}

describe.skipIf(!database)('product search on SQLite and PostgreSQL', () => {
  let sqlite: Storage;
  let postgres: Storage;
  beforeAll(async () => {
    sqlite = await createSqliteStorage(':memory:');
    postgres = await createPostgresStorage({ url: database!.url, schema: freshSchema() });
    await Promise.all([loadSample(sqlite), loadSample(postgres)]);
  }, 120_000);
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it('has 30 fixed queries, each finding something', async () => {
    expect(QUERIES).toHaveLength(30);
    for (const q of QUERIES)
      expect(await sqlite.products.search({ ...q, limit: 5 }), JSON.stringify(q)).not.toEqual([]);
  });

  it.each(QUERIES.map((q) => [JSON.stringify(q), q] as const))('%s: the same top 5', async (_, q) => {
    const top = async (storage: Storage) =>
      (await storage.products.search({ ...q, limit: 5 })).map((p) => p.product_id);
    expect(await top(postgres)).toEqual(await top(sqlite));
  });
});
