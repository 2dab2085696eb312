import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runStorageContract } from '../contract/storage-contract.js';
import { createSqliteStorage } from './index.js';
import { MIGRATIONS } from './schema.js';

runStorageContract('sqlite (memory)', async () => createSqliteStorage(':memory:'));
runStorageContract('sqlite (file, WAL)', async () =>
  createSqliteStorage(join(mkdtempSync(join(tmpdir(), 'sales-')), 'test.db')),
);

describe('sqlite migrations', () => {
  it('are applied once and survive reopening', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sales-')), 'reopen.db');
    const first = createSqliteStorage(path);
    expect(first.db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await first.close();
    const second = createSqliteStorage(path);
    expect(await second.products.count()).toBe(0);
    await second.close();
  });
});

describe('sqlite migrations of a database from before negative balances and payment checks', () => {
  it('keep every customer, and count payment events already recorded as applied', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sales-')), 'old.db');
    const before = MIGRATIONS.findIndex((m) => m.includes('payment_checkout'));
    const old = new Database(path);
    for (const migration of MIGRATIONS.slice(0, before)) old.exec(migration);
    old.pragma(`user_version = ${before}`);
    old
      .prepare(
        `INSERT INTO customers (user_id, name, email, loyalty_tier, loyalty_points, total_spent, is_guest,
           created_at, updated_at, shipping_address)
         VALUES ('c1', 'Ada', 'ada@example.com', 'gold', 420, 2500.5, 0, '2026-01-01', '2026-02-01', '{"city":"Oslo"}')`,
      )
      .run();
    old.prepare("INSERT INTO payment_events (event_id, received_at) VALUES ('evt_old', '2026-02-01')").run();
    old.close();

    const storage = createSqliteStorage(path);
    expect(await storage.customers.get('c1')).toMatchObject({
      name: 'Ada',
      loyalty_points: 420,
      total_spent: 2500.5,
      loyalty_tier: 'gold',
      is_guest: false,
      shipping_address: { city: 'Oslo' },
    });
    expect(await storage.orders.recordPaymentEvent('evt_old', '2026-03-01')).toBe(false);
    // The balance may now go below zero.
    await storage.customers.upsert({ ...(await storage.customers.get('c1'))!, loyalty_points: -5 });
    expect((await storage.customers.get('c1'))?.loyalty_points).toBe(-5);
    await storage.close();
  });
});
