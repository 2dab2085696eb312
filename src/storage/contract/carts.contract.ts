import { describe, expect, it } from 'vitest';
import type { Storage } from '../ports.js';
import { hoodie, itemOf, laptop, onFreshStorage, pricedHoodie, type StorageFactory } from './harness.js';

/** The carts part of the storage contract: every backend runs it through `runStorageContract`. */
export function cartsContract(create: StorageFactory): void {
  describe('carts', () => {
    let storage: Storage;
    onFreshStorage(create, (opened) => (storage = opened));

    it('adds to a cart, merging the same variant, and refuses more than allowed', async () => {
      await storage.carts.addItem('u1', itemOf(hoodie, 2), 10);
      const r = await storage.carts.addItem('u1', itemOf(hoodie, 3), 10);
      expect(r.ok && r.item.quantity).toBe(5);
      const refused = await storage.carts.addItem('u1', itemOf(hoodie, 6), 10);
      expect(refused).toEqual({ ok: false, reason: 'EXCEEDS_AVAILABLE', in_cart: 5 });
      expect((await storage.carts.get('u1')).items).toHaveLength(1);
    });

    it("keeps each variant's line at the price it was added at", async () => {
      await storage.products.upsertMany([pricedHoodie]);
      await storage.carts.addItem('u1', itemOf(pricedHoodie, 1, 0), 10);
      await storage.carts.addItem('u1', itemOf(pricedHoodie, 2, 2), 10);
      const prices = (await storage.carts.get('u1')).items.map((i) => [i.sku, i.price]);
      expect(prices.sort()).toEqual([
        ['HOOD002-BLK-L', 64.5],
        ['HOOD002-BLK-S', 49],
      ]);
    });

    it('updates, removes idempotently and clears', async () => {
      await storage.carts.addItem('u1', itemOf(hoodie, 2), 10);
      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      expect((await storage.carts.setQuantity('u1', 'HOOD001-BLU-M', 4))?.items[0]?.quantity).toBe(4);
      expect(await storage.carts.setQuantity('u1', 'nope', 4)).toBeNull();
      expect((await storage.carts.removeItem('u1', 'LAPTOP001')).items).toHaveLength(1);
      expect((await storage.carts.removeItem('u1', 'LAPTOP001')).items).toHaveLength(1);
      const before = (await storage.carts.get('u1')).version;
      const cleared = await storage.carts.clear('u1');
      expect(cleared.items).toEqual([]);
      expect(cleared.version).toBeGreaterThan(before);
    });

    it('ends 200 concurrent adds of one item with quantity exactly 200', async () => {
      await Promise.all(
        Array.from({ length: 200 }, () => storage.carts.addItem('u1', itemOf(laptop, 1), 1000)),
      );
      expect((await storage.carts.get('u1')).items[0]?.quantity).toBe(200);
    });
  });
}
