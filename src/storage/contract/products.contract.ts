import { describe, expect, it } from 'vitest';
import type { Storage } from '../ports.js';
import { hoodie, onFreshStorage, pricedHoodie, type StorageFactory } from './harness.js';

/** The products part of the storage contract: every backend runs it through `runStorageContract`. */
export function productsContract(create: StorageFactory): void {
  describe('products', () => {
    let storage: Storage;
    onFreshStorage(create, (opened) => (storage = opened));

    it('round-trips products with variants, in the order asked', async () => {
      const [h, l] = await storage.products.getMany(['HOOD001', 'LAPTOP001', 'missing']);
      expect(h?.variants).toEqual(hoodie.variants);
      expect(l?.is_featured).toBe(true);
      expect(await storage.products.get('missing')).toBeNull();
    });

    it("keeps a variant's own price and compare-at price, and adds none to a variant without", async () => {
      await storage.products.upsertMany([pricedHoodie]);
      const stored = await storage.products.get('HOOD002');
      expect(stored?.variants).toEqual(pricedHoodie.variants);
      expect(stored?.variants[0]).not.toHaveProperty('price');
      expect(stored?.variants[0]).not.toHaveProperty('compare_at_price');
      expect(stored?.price).toBe(49);
      const [l] = pricedHoodie.variants.slice(2);
      await storage.products.upsertMany([
        { ...pricedHoodie, variants: [{ ...l!, price: 70, compare_at_price: null }] },
      ]);
      const [resold] = (await storage.products.getMany(['HOOD002']))[0]?.variants ?? [];
      expect(resold).toEqual({ sku: 'HOOD002-BLK-L', color: 'black', size: 'L', price: 70 });
    });

    it('names the products on sale, each once', async () => {
      const [h] = await storage.products.getMany(['HOOD001']);
      await storage.products.upsertMany([
        { ...h!, product_id: 'HOOD900', name: 'Retired Hoodie', status: 'inactive', variants: [] },
        { ...h!, product_id: 'HOOD901', variants: [] },
      ]);
      const names = await storage.products.names();
      expect(names).toContain(h!.name);
      expect(names).not.toContain('Retired Hoodie');
      expect(new Set(names).size).toBe(names.length);
    });

    it('searches text with stemming and filters', async () => {
      const byText = await storage.products.search({ text: 'laptops for work' });
      expect(byText[0]?.product_id).toBe('LAPTOP001');
      const cheap = await storage.products.search({ category: 'laptops', max_price: 500 });
      expect(cheap.map((p) => p.product_id)).toEqual(['LAPTOP002']);
      const blue = await storage.products.search({ color: 'Blue', size: 'm' });
      expect(blue.map((p) => p.product_id)).toEqual(['HOOD001']);
      const inStock = await storage.products.search({ category: 'laptops', in_stock_only: true });
      expect(inStock.map((p) => p.product_id)).toEqual(['LAPTOP001']);
      const blackInStock = await storage.products.search({ color: 'black', in_stock_only: true });
      expect(blackInStock).toEqual([]);
    });

    it('treats search syntax and injection in text as plain words', async () => {
      for (const text of ['"', 'NEAR(a b)', "' OR 1=1 --", 'name:*', '{"$gt": ""}', ')))']) {
        await expect(storage.products.search({ text })).resolves.toBeInstanceOf(Array);
      }
      expect(await storage.products.count()).toBe(3);
    });
  });
}
