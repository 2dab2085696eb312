import type { Storage } from '../storage/ports.js';
import { generateCustomers } from './sample-customers.js';
import { generateProducts, SAMPLE_STORES } from './sample-data.js';
import { sampleOrders } from './sample-orders.js';

export interface SeedOptions {
  products?: number;
  customers?: number;
  onProgress?: (done: number, total: number) => void;
  /** When the sample orders' dates count back from; now when absent. */
  now?: Date;
  /** How long the sample unpaid order stays payable (ORDER_PAYMENT_TIMEOUT_MINUTES). */
  paymentMinutes?: number;
}

export interface SeedSummary {
  products: number;
  stores: number;
  customers: number;
  orders: number;
  categories: number;
}

/**
 * Writes the sample shop: stores, products with per-variant stock, customers and their past orders.
 * Idempotent: running it again rewrites the same records to the same values, and leaves the orders
 * (dated from when they were first written) as they are.
 */
export async function seedSampleData(storage: Storage, options: SeedOptions = {}): Promise<SeedSummary> {
  const total = Math.max(1, options.products ?? 500);
  await storage.inventory.upsertStores(SAMPLE_STORES);
  const firstBatch = [];
  let done = 0;
  for (const batch of generateProducts(total)) {
    await storage.products.upsertMany(batch.products);
    await storage.inventory.setStock(batch.stock);
    if (firstBatch.length < 600) firstBatch.push(...batch.products.slice(0, 600 - firstBatch.length));
    done += batch.products.length;
    options.onProgress?.(done, total);
  }
  const customers = generateCustomers(firstBatch, options.customers ?? 60);
  for (const customer of customers) await storage.customers.upsert(customer);
  const orders = sampleOrders(firstBatch, customers, options.now ?? new Date(), options.paymentMinutes ?? 60);
  await storage.orders.importHistory(orders);
  return {
    products: done,
    stores: SAMPLE_STORES.length,
    customers: customers.length,
    orders: orders.length,
    categories: (await storage.products.categories()).length,
  };
}
