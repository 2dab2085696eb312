import { describe, expect, it } from 'vitest';
import { analyticsReadsContract } from '../../analytics/analytics-reads.contract.js';
import { feedbackStoreContract } from '../../feedback/feedback-store.contract.js';
import { orderStoreContract } from '../../orders/order-store.contract.js';
import { returnStoreContract } from '../../returns/return-store.contract.js';
import { wishlistStoreContract } from '../../wishlist/wishlist-store.contract.js';
import { auditContract } from './audit.contract.js';
import { cartsContract } from './carts.contract.js';
import { channelsContract } from './channels.contract.js';
import { conversationsContract } from './conversations.contract.js';
import { customersContract } from './customers.contract.js';
import { onFreshStorage, type StorageFactory } from './harness.js';
import { productsContract } from './products.contract.js';
import type { Storage } from '../ports.js';

export type { StorageFactory } from './harness.js';

/**
 * The contract every storage backend meets, one suite per domain. A backend's test file calls it with a
 * factory that opens a fresh, empty storage (and how to close it); each test gets its own.
 */
export function runStorageContract(name: string, create: StorageFactory): void {
  describe(`${name} storage contract`, () => {
    customersContract(create);
    productsContract(create);
    cartsContract(create);
    orderStoreContract(create);
    returnStoreContract(create);
    conversationsContract(create);
    auditContract(create);
    channelsContract(create);
    feedbackStoreContract(create);
    wishlistStoreContract(create);
    analyticsReadsContract(create);

    describe('connection', () => {
      let storage: Storage;
      onFreshStorage(create, (opened) => (storage = opened));

      it('answers ping', async () => {
        expect(await storage.ping()).toBe(true);
      });
    });
  });
}
