import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOYALTY_TIERS, ONLINE_LOCATION } from '../domain/types.js';
import { createSqliteStorage } from '../storage/sqlite/index.js';
import { importCatalogue } from './import-catalogue.js';
import { generateProducts } from './sample-data.js';
import { seedSampleData } from './seed.js';

describe('sample shop', () => {
  it('has the documented breadth: products, categories, stores, customers in every tier', async () => {
    const storage = await createSqliteStorage(':memory:');
    const summary = await seedSampleData(storage);
    expect(summary.products).toBeGreaterThanOrEqual(500);
    expect(summary.categories).toBeGreaterThanOrEqual(10);
    expect(summary.stores).toBeGreaterThanOrEqual(5);
    expect(summary.customers).toBeGreaterThanOrEqual(50);
    const customers = await storage.customers.list({ limit: 500 });
    for (const tier of LOYALTY_TIERS)
      expect(customers.filter((c) => c.loyalty_tier === tier).length).toBeGreaterThan(0);
    expect(
      customers.every((c) => c.past_purchases.length > 0 && c.browsing_history.length > 0 && c.location),
    ).toBe(true);
    expect(await storage.products.get('LAPTOP001')).toMatchObject({
      category: 'laptops',
      tags: expect.arrayContaining(['work']),
    });
    expect(await storage.customers.get('user123')).toMatchObject({ name: 'Alex Morgan' });

    const ids = (await storage.products.search({ limit: 200 })).map((p) => p.product_id);
    const levels = await storage.inventory.stockForProducts(ids);
    const online = levels.filter((l) => l.location_id === ONLINE_LOCATION);
    expect(online.some((l) => l.quantity === 0)).toBe(true);
    expect(online.some((l) => l.quantity > 0 && l.quantity < 5)).toBe(true);
    const variants = (await storage.products.getMany(ids)).flatMap((p) => p.variants);
    expect(variants.some((v) => v.color && v.size)).toBe(true);
    await storage.close();
  });

  it('gives the sample customers past orders in every state, dated back from now', async () => {
    const storage = await createSqliteStorage(':memory:');
    const now = new Date('2026-11-30T20:00:00Z');
    await seedSampleData(storage, { products: 600, now, paymentMinutes: 45 });
    const orders = await storage.orders.list({ limit: 100 });
    expect(new Set(orders.map((o) => o.status))).toEqual(
      new Set(['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'expired']),
    );
    const alex = await storage.orders.listForUser('user123');
    const delivered = alex.filter((o) => o.status === 'delivered').map((o) => Date.parse(o.updated_at));
    // Delivered recently and long ago; shipped with tracking.
    expect(Math.min(...delivered)).toBeLessThan(now.getTime() - 60 * 86_400_000);
    expect(Math.max(...delivered)).toBeGreaterThan(now.getTime() - 10 * 86_400_000);
    expect(alex.find((o) => o.status === 'fulfilled')).toMatchObject({
      carrier: 'UPS',
      tracking_number: expect.any(String),
    });
    const unpaid = orders.find((o) => o.status === 'pending_payment')!;
    expect(unpaid.expires_at).toBe(new Date(now.getTime() + 45 * 60_000).toISOString());
    expect(orders.find((o) => o.status === 'cancelled')?.refund_amount).toBeGreaterThan(0);
    for (const o of orders) {
      expect(Date.parse(o.created_at)).toBeLessThanOrEqual(now.getTime());
      expect(Date.parse(o.updated_at)).toBeGreaterThanOrEqual(Date.parse(o.created_at));
      expect(o.total).toBeGreaterThan(0);
    }
    // Seeding again adds none and keeps the unpaid order's units set aside exactly once.
    const sku = unpaid.items[0]!.sku;
    const level = async () =>
      (await storage.inventory.stockForProduct(unpaid.items[0]!.product_id)).find(
        (l) => l.sku === sku && l.location_id === ONLINE_LOCATION,
      )?.quantity;
    const before = await level();
    await seedSampleData(storage, { products: 600, now, paymentMinutes: 45 });
    expect(await storage.orders.list({ limit: 100 })).toHaveLength(orders.length);
    expect(await level()).toBe(before);
    await storage.close();
  });

  it('is deterministic and idempotent', async () => {
    const a = [...generateProducts(300)].flatMap((b) => b.products);
    const b = [...generateProducts(300)].flatMap((b) => b.products);
    expect(b).toEqual(a);
    const storage = await createSqliteStorage(':memory:');
    await seedSampleData(storage, { products: 300 });
    const before = JSON.stringify(await storage.customers.list({ limit: 100 }));
    await seedSampleData(storage, { products: 300 });
    expect(await storage.products.count()).toBe(300);
    expect(JSON.stringify(await storage.customers.list({ limit: 100 }))).toBe(before);
    await storage.close();
  });

  it('reports progress while generating', async () => {
    const storage = await createSqliteStorage(':memory:');
    const seen: number[] = [];
    await seedSampleData(storage, { products: 5000, onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(5000);
    expect(seen.length).toBeGreaterThan(1);
    await storage.close();
  });
});

describe('catalogue import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-'));

  it('imports JSON with variants and per-store stock', async () => {
    const file = join(dir, 'shop.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          product_id: 'TEA-1',
          name: 'Sencha Green Tea',
          price: 12.5,
          category: 'Tea',
          brand: 'Leafy',
          tags: ['green'],
          variants: [{ sku: 'TEA-1-50G', size: '50g', stock: { online: 10, 'SF-DOWNTOWN': 2 } }],
        },
        { product_id: 'MUG-1', name: 'Stoneware Mug', price: 9, category: 'kitchen', stock: 4 },
      ]),
    );
    const storage = await createSqliteStorage(':memory:');
    expect(await importCatalogue(storage, file)).toEqual({ products: 2, variants: 2 });
    expect(await storage.products.get('TEA-1')).toMatchObject({
      category: 'tea',
      variants: [{ sku: 'TEA-1-50G', size: '50g' }],
    });
    expect((await storage.inventory.stockForProduct('TEA-1')).map((l) => l.quantity).sort()).toEqual(
      [10, 2].sort(),
    );
    expect((await storage.products.search({ text: 'sencha' }))[0]?.product_id).toBe('TEA-1');
    await storage.close();
  });

  it('imports CSV rows as variants of one product', async () => {
    const file = join(dir, 'shop.csv');
    writeFileSync(
      file,
      'product_id,name,price,category,brand,tags,color,size,stock\n' +
        'TS-1,Logo Tee,20,t-shirts,Acme,cotton;summer,black,M,5\n' +
        'TS-1,Logo Tee,20,t-shirts,Acme,cotton;summer,black,L,0\n',
    );
    const storage = await createSqliteStorage(':memory:');
    expect(await importCatalogue(storage, file)).toEqual({ products: 1, variants: 2 });
    expect((await storage.products.get('TS-1'))?.variants.map((v) => v.sku)).toEqual([
      'TS-1-black-M',
      'TS-1-black-L',
    ]);
    await storage.close();
  });

  it('imports JSON variants with prices of their own, the product shown at the lowest', async () => {
    const file = join(dir, 'priced.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          product_id: 'ZIP-1',
          name: 'Zip Lite Hoodie',
          price: 59,
          compare_at_price: 69,
          category: 'hoodies',
          variants: [
            { sku: 'ZIP-1-S', size: 'S', price: 49 },
            { sku: 'ZIP-1-M', size: 'M' },
            { sku: 'ZIP-1-L', size: 'L', price: 64.5, compare_at_price: 79.99 },
          ],
        },
        {
          product_id: 'CAP-1',
          name: 'Trail Cap',
          category: 'hats',
          variants: [
            { sku: 'CAP-1-RED', color: 'red', price: 20 },
            { sku: 'CAP-1-BLUE', color: 'blue', price: 18, compare_at_price: null },
          ],
        },
        { product_id: 'MUG-1', name: 'Mug', price: 9, compare_at_price: 12, category: 'kitchen' },
      ]),
    );
    const storage = await createSqliteStorage(':memory:');
    await importCatalogue(storage, file);
    const [zip, cap, mug] = await storage.products.getMany(['ZIP-1', 'CAP-1', 'MUG-1']);
    // The hoodie is shown from $49; M still sells at the $59 (was $69) it was given.
    expect(zip).toMatchObject({ price: 49 });
    expect(zip?.variants).toEqual([
      { sku: 'ZIP-1-S', color: null, size: 'S', price: 49 },
      { sku: 'ZIP-1-M', color: null, size: 'M', price: 59, compare_at_price: 69 },
      { sku: 'ZIP-1-L', color: null, size: 'L', price: 64.5, compare_at_price: 79.99 },
    ]);
    expect(cap).toMatchObject({ price: 18 });
    expect(cap?.variants.map((v) => v.price)).toEqual([20, 18]);
    expect(mug?.variants).toEqual([{ sku: 'MUG-1', color: null, size: null, compare_at_price: 12 }]);
    await storage.close();
  });

  it('imports CSV variant_price and compare_at_price per row', async () => {
    const file = join(dir, 'priced.csv');
    writeFileSync(
      file,
      'product_id,name,price,category,size,variant_price,compare_at_price,stock\n' +
        'TS-2,Logo Tee,20,t-shirts,M,,25,5\n' +
        'TS-2,Logo Tee,20,t-shirts,XXL,24,,3\n',
    );
    const storage = await createSqliteStorage(':memory:');
    expect(await importCatalogue(storage, file)).toEqual({ products: 1, variants: 2 });
    expect(await storage.products.get('TS-2')).toMatchObject({
      price: 20,
      variants: [
        { sku: 'TS-2-M', color: null, size: 'M', compare_at_price: 25 },
        { sku: 'TS-2-XXL', color: null, size: 'XXL', price: 24 },
      ],
    });
    await storage.close();
  });

  it.each([
    [[{ size: 'S', price: -1 }], /product 1: variants\.0\.price: .*>=0/],
    [[{ size: 'S', compare_at_price: 'soon' }], /product 1: variants\.0\.compare_at_price: /],
    [[{ size: 'S', price: 5 }, { size: 'M' }], /product 1: price: Required unless every variant/],
  ])('names a bad variant price: %j', async (variants, error) => {
    const file = join(dir, 'bad-price.json');
    writeFileSync(file, JSON.stringify([{ product_id: 'A', name: 'A', category: 'x', variants }]));
    const storage = await createSqliteStorage(':memory:');
    await expect(importCatalogue(storage, file)).rejects.toThrow(error);
    expect(await storage.products.count()).toBe(0);
    await storage.close();
  });

  it('names the bad record and imports nothing', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify([
        { product_id: 'A', name: 'A', price: 1, category: 'x' },
        { product_id: 'B', name: 'B', price: -5, category: 'x' },
      ]),
    );
    const storage = await createSqliteStorage(':memory:');
    await expect(importCatalogue(storage, file)).rejects.toThrow(/product 2: price/);
    expect(await storage.products.count()).toBe(0);
    await expect(importCatalogue(storage, join(dir, 'missing.json'))).rejects.toThrow(/Cannot read/);
    await storage.close();
  });
});
