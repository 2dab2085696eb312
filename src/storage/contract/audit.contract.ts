import { describe, expect, it } from 'vitest';
import type { Storage } from '../ports.js';
import { onFreshStorage, type StorageFactory } from './harness.js';

/** The audit part of the storage contract: every backend runs it through `runStorageContract`. */
export function auditContract(create: StorageFactory): void {
  describe('audit', () => {
    let storage: Storage;
    onFreshStorage(create, (opened) => (storage = opened));

    it('keeps an audit trail, newest first, per user', async () => {
      const entry = (user_id: string, action: 'cart.add' | 'order.place', n: number) => ({
        at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
        actor: `customer:${user_id}`,
        user_id,
        action,
        details: { sku: `S${n}`, quantity: n },
      });
      await storage.audit.record(entry('u1', 'cart.add', 1));
      await storage.audit.record(entry('u2', 'cart.add', 2));
      await storage.audit.record(entry('u1', 'order.place', 3));
      expect((await storage.audit.list({ user_id: 'u1' })).map((e) => e.action)).toEqual([
        'order.place',
        'cart.add',
      ]);
      expect((await storage.audit.list({ limit: 1 }))[0]).toEqual(entry('u1', 'order.place', 3));
    });
  });
}
