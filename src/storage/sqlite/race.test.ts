import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { priceLine } from '../../domain/pricing.js';
import { ONLINE_LOCATION } from '../../domain/types.js';
import { makeCustomer, makeProduct, stock, testLoyalty } from '../../testing/fixtures.js';
import { createSqliteStorage } from './index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const ORDERS = 24;

interface Worker {
  ready: Promise<void>;
  go(): void;
  won: Promise<string[]>;
}

/** The worker in its own Node process: ready once loaded, racing on go, resolving with what it won. */
function worker(path: string, to: string, ids: string[]): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/testing/sqlite-race-worker.ts', path, to, ids.join(',')],
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

describe('order transitions raced from several processes', () => {
  it('gives every order exactly one of paid, cancelled and expired, with stock and points to match', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'race-')), 'sales.db');
    const storage = await createSqliteStorage(path);
    const laptop = makeProduct({ product_id: 'LAPTOP001', price: 100 });
    await storage.products.upsertMany([laptop]);
    await storage.inventory.setStock([stock(laptop, ONLINE_LOCATION, 100)]);
    await storage.customers.upsert(makeCustomer({ user_id: 'racer', loyalty_points: 1000, total_spent: 0 }));
    const ids: string[] = [];
    for (let n = 0; n < ORDERS; n++) {
      const item = {
        product_id: 'LAPTOP001',
        sku: 'LAPTOP001',
        name: 'Laptop',
        color: null,
        size: null,
        quantity: 1,
      };
      await storage.carts.addItem('racer', { ...item, price: 100, added_at: new Date().toISOString() }, 5);
      const cart = await storage.carts.get('racer');
      const line = priceLine({ ...item, unit_price: 100 });
      const placed = await storage.orders.place({
        order_id: `RACE-${n}`,
        user_id: 'racer',
        cart_version: cart.version,
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
        created_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        max_unpaid: ORDERS,
      });
      expect(placed.ok).toBe(true);
      ids.push(`RACE-${n}`);
    }
    await storage.close();

    // Three processes, each walking the orders from a different place, all starting at once.
    const rotate = (k: number) => [...ids.slice(k), ...ids.slice(0, k)];
    const workers = [
      worker(path, 'paid', rotate(0)),
      worker(path, 'cancelled', rotate(ORDERS / 3)),
      worker(path, 'expired', rotate((2 * ORDERS) / 3)),
    ];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const [paid, cancelled, expired] = (await Promise.all(workers.map((w) => w.won))) as [
      string[],
      string[],
      string[],
    ];
    // Each started on its own orders, so more than one won some: they really did run at the same time.
    expect([paid, cancelled, expired].filter((w) => w.length > 0).length).toBeGreaterThanOrEqual(2);
    const wins = [...paid, ...cancelled, ...expired];
    expect(wins.sort()).toEqual([...ids].sort());

    const after = await createSqliteStorage(path);
    for (const id of paid) expect((await after.orders.get(id))?.status).toBe('paid');
    for (const id of cancelled) expect((await after.orders.get(id))?.status).toBe('cancelled');
    const online = (await after.inventory.stockForProduct('LAPTOP001')).find(
      (l) => l.location_id === ONLINE_LOCATION,
    );
    expect(online?.quantity).toBe(100 - paid.length);
    const customer = await after.customers.get('racer');
    // Paid orders keep their 10 redeemed points and earn 5; the others give the 10 back.
    expect(customer?.loyalty_points).toBe(1000 - 10 * paid.length + 5 * paid.length);
    expect(customer?.total_spent).toBe(99 * paid.length);
    await after.close();
  }, 60_000);
});
