import { describe, expect, it } from 'vitest';
import type { Storage } from '../storage/ports.js';
import { onFreshStorage, type StorageFactory } from '../storage/contract/harness.js';

/** The wishlist part of the storage contract, run inside `runStorageContract`. */
export function wishlistStoreContract(create: StorageFactory): void {
  let current: Storage;
  describe('wishlist', () => {
    onFreshStorage(create, (opened) => (current = opened));

    it('keeps each customer’s saved products, most recent first, once each', async () => {
      const store = current.wishlist;
      expect(await store.list('u1')).toEqual([]);
      expect(await store.save('u1', 'P1', '2026-11-01T10:00:00.000Z')).toBe(true);
      expect(await store.save('u1', 'P2', '2026-11-02T10:00:00.000Z')).toBe(true);
      expect(await store.save('u2', 'P1', '2026-11-03T10:00:00.000Z')).toBe(true);
      // Saved again: still once, with the first date.
      expect(await store.save('u1', 'P1', '2026-11-04T10:00:00.000Z')).toBe(false);
      expect(await store.list('u1')).toEqual([
        { product_id: 'P2', saved_at: '2026-11-02T10:00:00.000Z' },
        { product_id: 'P1', saved_at: '2026-11-01T10:00:00.000Z' },
      ]);
      expect(await store.list('u1', 1)).toEqual([{ product_id: 'P2', saved_at: '2026-11-02T10:00:00.000Z' }]);
      expect(await store.list('u2')).toEqual([{ product_id: 'P1', saved_at: '2026-11-03T10:00:00.000Z' }]);
    });

    it('removes a product from one customer’s list only, twice harmlessly', async () => {
      const store = current.wishlist;
      await store.save('u1', 'P1', '2026-11-01T10:00:00.000Z');
      await store.save('u2', 'P1', '2026-11-01T10:00:00.000Z');
      expect(await store.remove('u1', 'P1')).toBe(true);
      expect(await store.remove('u1', 'P1')).toBe(false);
      expect(await store.list('u1')).toEqual([]);
      expect(await store.list('u2')).toHaveLength(1);
    });
  });
}
