import { describe, expect, it } from 'vitest';
import { makeCustomer } from '../../testing/fixtures.js';
import type { Storage } from '../ports.js';
import { onFreshStorage, type StorageFactory } from './harness.js';

/** The customers part of the storage contract: every backend runs it through `runStorageContract`. */
export function customersContract(create: StorageFactory): void {
  describe('customers', () => {
    let storage: Storage;
    onFreshStorage(create, (opened) => (storage = opened));

    it('returns null on a miss and round-trips a customer', async () => {
      expect(await storage.customers.get('nobody')).toBeNull();
      const c = await storage.customers.get('u1');
      expect(c).toMatchObject({ user_id: 'u1', loyalty_points: 500, total_spent: 1900, location: null });
    });

    it('ensure creates a guest once and keeps an existing customer', async () => {
      const guest = await storage.customers.ensure('g1', () =>
        makeCustomer({ user_id: 'g1', is_guest: true }),
      );
      expect(guest.is_guest).toBe(true);
      const again = await storage.customers.ensure('u1', () =>
        makeCustomer({ user_id: 'u1', is_guest: true }),
      );
      expect(again.is_guest).toBe(false);
    });

    it('keeps the newest browsing records first without duplicates', async () => {
      const view = (id: string, at: string) => ({ product_id: id, category: 'x', brand: 'y', viewed_at: at });
      await storage.customers.recordViews('u1', [view('A', '1'), view('B', '1')], 3);
      await storage.customers.recordViews('u1', [view('C', '2'), view('A', '2')], 3);
      const c = await storage.customers.get('u1');
      expect(c?.browsing_history.map((v) => v.product_id)).toEqual(['C', 'A', 'B']);
    });
  });
}
