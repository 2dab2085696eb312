import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runStorageContract } from '../contract/storage.contract.js';
import { retentionContract } from '../contract/retention.contract.js';
import { createSqliteBackend, createSqliteStorage } from './index.js';
import { LEGACY_STEPS } from './legacy-schema.js';
import { sqliteMigrations } from './migrations.js';

/** Every migration of the schema, in order: a new database runs them all, once. */
const ALL_MIGRATIONS = Object.keys(sqliteMigrations(new Database(':memory:')));

/** A fresh SQLite storage for each contract test, in memory or in a WAL file of its own. */
const sqlite = (path: () => string) => async () => {
  const storage = await createSqliteStorage(path());
  return { storage, close: () => storage.close() };
};

runStorageContract(
  'sqlite (memory)',
  sqlite(() => ':memory:'),
);
runStorageContract(
  'sqlite (file, WAL)',
  sqlite(() => join(mkdtempSync(join(tmpdir(), 'sales-')), 'test.db')),
);

describe('sqlite migrations', () => {
  it('are applied once and survive reopening', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sales-')), 'reopen.db');
    const first = await createSqliteStorage(path);
    expect(first.db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await first.close();
    const second = await createSqliteStorage(path);
    expect(await second.products.count()).toBe(0);
    expect(migrationsRun(second.db)).toEqual(ALL_MIGRATIONS);
    await second.close();
  });

  it('take a database as the step-by-step schema left it, keeping its data, to the same schema as a new one', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sales-')), 'stepped.db');
    const old = new Database(path);
    for (const step of LEGACY_STEPS) old.exec(step);
    old.pragma(`user_version = ${LEGACY_STEPS.length}`);
    old
      .prepare(
        `INSERT INTO customers (user_id, name, email, loyalty_tier, is_guest, created_at, updated_at)
         VALUES ('c1', 'Ada', 'ada@example.com', 'gold', 0, '2026-01-01', '2026-02-01')`,
      )
      .run();
    old.close();

    const upgraded = await createSqliteStorage(path);
    expect((await upgraded.customers.get('c1'))?.name).toBe('Ada');
    expect(migrationsRun(upgraded.db)).toEqual(ALL_MIGRATIONS);
    const fresh = await createSqliteStorage(':memory:');
    expect(schemaOf(upgraded.db)).toEqual(schemaOf(fresh.db));
    await upgraded.close();
    await fresh.close();
  });

  it('give the variants of an existing catalogue prices of their own, none until set, never below zero', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sales-')), 'variants.db');
    const old = new Database(path);
    for (const step of LEGACY_STEPS) old.exec(step);
    old.pragma(`user_version = ${LEGACY_STEPS.length}`);
    old.exec(
      `INSERT INTO products (product_id, name, description, price, category, brand, status, is_featured, image_url, tags, attributes, rating, popularity, created_at, updated_at)
       VALUES ('H1', 'Zip Lite Hoodie', '', 49, 'hoodies', 'Velo', 'active', 0, '', '[]', '{}', 4, 0, '2026-01-01', '2026-01-01');
       INSERT INTO product_variants (sku, product_id, color, size, position) VALUES ('H1-M', 'H1', 'black', 'M', 0);`,
    );
    old.close();

    const upgraded = await createSqliteStorage(path);
    expect((await upgraded.products.get('H1'))?.variants).toEqual([
      { sku: 'H1-M', color: 'black', size: 'M' },
    ]);
    for (const column of ['price', 'compare_at_price'])
      expect(() =>
        upgraded.db.prepare(`UPDATE product_variants SET ${column} = -1 WHERE sku = 'H1-M'`).run(),
      ).toThrow(/CHECK constraint failed/);
    await upgraded.close();
  });

  it('refuse to open a database they cannot bring up to date, leaving it as it was', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sales-')), 'foreign.db');
    const foreign = new Database(path);
    foreign.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    foreign.close();
    await expect(createSqliteStorage(path)).rejects.toMatchObject({
      code: 'STORAGE_MIGRATION_FAILED',
      details: { migration: '0001_schema' },
    });
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(0);
    expect(
      after.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'products'").get(),
    ).toBeUndefined();
    after.close();
  });

  it('are applied once when several processes open a new file at the same moment', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sales-')), 'together.db');
    const opens = Array.from({ length: 4 }, () => opener(path));
    await Promise.all(opens.map((o) => o.ready));
    for (const o of opens) o.go();
    await Promise.all(opens.map((o) => o.opened));
    const storage = await createSqliteStorage(path);
    expect(migrationsRun(storage.db)).toEqual(ALL_MIGRATIONS);
    expect(storage.db.pragma('user_version', { simple: true })).toBe(LEGACY_STEPS.length);
    await storage.close();
  }, 60_000);
});

const migrationsRun = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>('SELECT name FROM kysely_migration ORDER BY name')
    .all()
    .map((r) => r.name);

/** Every table, index and trigger as SQLite holds its definition. */
const schemaOf = (db: Database.Database) =>
  db
    .prepare<[], { sql: string }>('SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name')
    .all()
    .map((r) => r.sql);

/** A Node process that opens `path` when told to go; `opened` resolves once it has, rejects if it failed. */
function opener(path: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/testing/sqlite-open-worker.ts', path], {
    cwd: join(import.meta.dirname, '..', '..', '..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const opened = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 && out.includes('opened') ? resolve() : reject(new Error(err)))),
  );
  return { ready, go: () => child.stdin.write('go\n'), opened };
}

describe('sqlite migrations of a database from before negative balances and payment checks', () => {
  it('keep every customer, and count payment events already recorded as applied', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sales-')), 'old.db');
    const before = LEGACY_STEPS.findIndex((m) => m.includes('payment_checkout'));
    const old = new Database(path);
    for (const migration of LEGACY_STEPS.slice(0, before)) old.exec(migration);
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

    const storage = await createSqliteStorage(path);
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

retentionContract('sqlite', () => createSqliteBackend(':memory:'));
