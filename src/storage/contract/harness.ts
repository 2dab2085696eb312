import { afterEach, beforeEach } from 'vitest';
import { ONLINE_LOCATION, type CartItem, type Product } from '../../domain/types.js';
import { makeCustomer, makeProduct, makeStore, stock } from '../../testing/fixtures.js';
import { variantPrice } from '../../domain/variant-price.js';
import type { Storage } from '../ports.js';

/** What a backend's test passes to the contract: opens a fresh, empty storage; `close` releases it. */
export type StorageFactory = () => Promise<{ storage: Storage; close(): Promise<void> }>;

/** A customer's message in a conversation, at `timestamp` (now when absent). */
export const userMessage = (content: string, timestamp = new Date().toISOString()) => ({
  role: 'user' as const,
  content,
  timestamp,
  agent_name: null,
  metadata: {},
});

export const itemOf = (p: Product, quantity: number, variant = 0): CartItem => ({
  product_id: p.product_id,
  sku: p.variants[variant]?.sku ?? p.product_id,
  name: p.name,
  quantity,
  price: variantPrice(p, p.variants[variant]).price,
  color: p.variants[variant]?.color ?? null,
  size: p.variants[variant]?.size ?? null,
  added_at: new Date().toISOString(),
});

export const laptop = makeProduct({
  product_id: 'LAPTOP001',
  name: 'ProBook 14 Work Laptop',
  description: 'A light business laptop with a great keyboard.',
  price: 1299.99,
  brand: 'Northwind',
  tags: ['work', 'business'],
  is_featured: true,
});
export const hoodie = makeProduct({
  product_id: 'HOOD001',
  name: 'Cloud Fleece Hoodie',
  category: 'hoodies',
  brand: 'Trailside',
  price: 59,
  variants: [
    { sku: 'HOOD001-BLU-M', color: 'blue', size: 'M' },
    { sku: 'HOOD001-BLK-L', color: 'black', size: 'L' },
  ],
});
/** A hoodie whose sizes sell at prices of their own, the large one on sale; not in the stocked catalogue. */
export const pricedHoodie = makeProduct({
  product_id: 'HOOD002',
  name: 'Zip Lite Hoodie',
  category: 'hoodies',
  price: 49,
  variants: [
    { sku: 'HOOD002-BLK-S', color: 'black', size: 'S' },
    { sku: 'HOOD002-BLK-M', color: 'black', size: 'M', price: 59 },
    { sku: 'HOOD002-BLK-L', color: 'black', size: 'L', price: 64.5, compare_at_price: 79.99 },
  ],
});
export const soldOut = makeProduct({ product_id: 'LAPTOP002', name: 'Budget Laptop', price: 399 });

/**
 * Opens a fresh storage before each test of the enclosing `describe`, holding the contract's catalogue
 * (the laptops and the hoodie, stocked online and in store SF1) and customer u1 (500 points, 1900 spent),
 * and closes it after.
 */
export function onFreshStorage(create: StorageFactory, use: (storage: Storage) => void): void {
  let close: () => Promise<void> = async () => undefined;
  beforeEach(async () => {
    const opened = await create();
    close = opened.close;
    const storage = opened.storage;
    await storage.products.upsertMany([laptop, hoodie, soldOut]);
    await storage.inventory.upsertStores([makeStore({ store_id: 'SF1' })]);
    await storage.inventory.setStock([
      stock(laptop, ONLINE_LOCATION, 5),
      stock(laptop, 'SF1', 2),
      stock(hoodie, ONLINE_LOCATION, 10, 0),
      stock(hoodie, ONLINE_LOCATION, 0, 1),
      stock(soldOut, ONLINE_LOCATION, 0),
    ]);
    await storage.customers.upsert(makeCustomer({ user_id: 'u1', loyalty_points: 500, total_spent: 1900 }));
    use(storage);
  });
  afterEach(async () => close());
}
