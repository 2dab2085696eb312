import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { priceLine } from '../../domain/pricing.js';
import { ONLINE_LOCATION } from '../../domain/types.js';
import { makeCustomer, makeProduct, stock, testLoyalty } from '../../testing/fixtures.js';
import { createPostgresStorage, type PostgresStorage } from './index.js';
import { freshSchema, testDatabase } from './testing/database.js';

/** This run's own database (dropped at the end); null when no PostgreSQL answers, and the suite skips. */
const database = await testDatabase();
afterAll(async () => database?.drop());

const root = join(import.meta.dirname, '..', '..', '..');
const AT = '2026-03-01T10:00:00.000Z';
const ORDERS = 24;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

interface Worker {
  ready: Promise<void>;
  go(): void;
  won: Promise<string[]>;
}

/** A worker in its own Node process with its own pool: ready once connected, racing on go. */
function worker(schema: string, to: string, ids: string[]): Worker {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/storage/postgres/testing/orders-race-worker.ts',
      database!.url,
      schema,
      to,
      ids.join(','),
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const won = new Promise<string[]>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.slice('ready\n'.length)) as string[]) : reject(new Error(err)),
    ),
  );
  return { ready, go: () => child.stdin.write('go\n'), won };
}

/** Starts the workers together once all are connected; resolves with what each won. */
async function race(workers: Worker[]): Promise<string[][]> {
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.go();
  return Promise.all(workers.map((w) => w.won));
}

describe.skipIf(!database)('postgres orders raced from several processes', () => {
  const laptop = makeProduct({ product_id: 'LAPTOP001', price: 100 });
  let storage: PostgresStorage;
  let schema: string;
  beforeEach(async () => {
    schema = freshSchema();
    storage = await createPostgresStorage({ url: database!.url, schema, poolMax: 4 });
    await storage.products.upsertMany([laptop]);
  });
  afterEach(async () => storage.close());

  const online = async () =>
    (await storage.inventory.stockForProduct('LAPTOP001')).find((l) => l.location_id === ONLINE_LOCATION)
      ?.quantity;

  it('sells the last units once, to checkouts racing from three processes', async () => {
    await storage.inventory.setStock([stock(laptop, ONLINE_LOCATION, 10)]);
    const users = range(30).map((i) => `buyer${i}`);
    for (const u of users) await storage.customers.upsert(makeCustomer({ user_id: u }));
    const placed = await race(
      range(3).map((k) => worker(schema, 'placed', users.slice(k * 10, k * 10 + 10))),
    );
    expect(placed.flat()).toHaveLength(10);
    expect(await online()).toBe(0);
    expect((await storage.orders.list({ status: 'pending_payment' })).map((o) => o.user_id).sort()).toEqual(
      placed.flat().sort(),
    );
  }, 120_000);

  it('gives every order exactly one of paid, cancelled and expired, with stock and points to match', async () => {
    await storage.inventory.setStock([stock(laptop, ONLINE_LOCATION, 100)]);
    await storage.customers.upsert(makeCustomer({ user_id: 'racer', loyalty_points: 1000 }));
    const ids = range(ORDERS).map((n) => `RACE-${n}`);
    for (const id of ids) {
      const line = priceLine({
        product_id: 'LAPTOP001',
        sku: 'LAPTOP001',
        name: 'Laptop',
        color: null,
        size: null,
        quantity: 1,
        unit_price: 100,
      });
      const placed = await storage.orders.place({
        order_id: id,
        user_id: 'racer',
        cart_version: 0,
        lines: [line],
        totals: {
          subtotal: 100,
          tier_discount_rate: 0,
          tier_discount: 0,
          points_redeemed: 10,
          points_discount: 1,
          shipping: 0,
          tax: 0,
          total: 99,
          points_earned: 5,
        },
        fulfilment: { type: 'ship' },
        loyalty_tier: 'bronze',
        tiers: testLoyalty.tiers,
        created_at: AT,
        expires_at: '2026-03-01T11:00:00.000Z',
        max_unpaid: ORDERS,
      });
      expect(placed.ok).toBe(true);
    }

    // Three processes, each walking the orders from a different place, all starting at once.
    const rotate = (k: number) => [...ids.slice(k), ...ids.slice(0, k)];
    const [paid, cancelled, expired] = (await race([
      worker(schema, 'paid', rotate(0)),
      worker(schema, 'cancelled', rotate(ORDERS / 3)),
      worker(schema, 'expired', rotate((2 * ORDERS) / 3)),
    ])) as [string[], string[], string[]];
    // Each started on its own orders, so more than one won some: they really did run at the same time.
    expect([paid, cancelled, expired].filter((w) => w.length > 0).length).toBeGreaterThanOrEqual(2);
    expect([...paid, ...cancelled, ...expired].sort()).toEqual([...ids].sort());

    for (const id of paid) expect((await storage.orders.get(id))?.status).toBe('paid');
    for (const id of cancelled) expect((await storage.orders.get(id))?.status).toBe('cancelled');
    for (const id of expired) expect((await storage.orders.get(id))?.status).toBe('expired');
    expect(await online()).toBe(100 - paid.length);
    const customer = await storage.customers.get('racer');
    // Paid orders keep their 10 redeemed points and earn 5; the others give the 10 back.
    expect(customer?.loyalty_points).toBe(1000 - 10 * paid.length + 5 * paid.length);
    expect(customer?.total_spent).toBe(99 * paid.length);
  }, 120_000);
});
