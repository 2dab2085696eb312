import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateProducts, SAMPLE_STORES } from '../src/data/sample-data.js';
import type { Storage } from '../src/storage/ports.js';
import { createPostgresStorage } from '../src/storage/postgres/index.js';
import { TEST_POSTGRES_URL } from '../src/storage/postgres/testing/database.js';
import { createSqliteStorage } from '../src/storage/sqlite/index.js';
import { SEARCH_QUERIES } from './search-queries.js';
import { pct } from './shared.js';

/**
 * `node --import tsx bench/postgres-search.ts [--quick]`: product search over the 100,000-product sample
 * catalogue on PostgreSQL (`POSTGRES_URL`, else the test server, in a schema of its own dropped after),
 * next to SQLite on the same catalogue, with the same queries as `npm run bench`.
 */
const quick = process.argv.includes('--quick');
const LARGE = quick ? 20_000 : 100_000;
const ROUNDS = quick ? 10 : 40;
const DIR = join(import.meta.dirname, '..', 'data', 'bench');

/** Writes the sample catalogue's stores, products and stock; seconds taken. */
async function load(storage: Storage): Promise<number> {
  const started = performance.now();
  await storage.inventory.upsertStores(SAMPLE_STORES);
  for (const batch of generateProducts(LARGE)) {
    await storage.products.upsertMany(batch.products);
    await storage.inventory.setStock(batch.stock);
  }
  return (performance.now() - started) / 1000;
}

/** Every query once per round; the first round warms caches and is not counted. */
async function time(storage: Storage): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of SEARCH_QUERIES) {
      const t = performance.now();
      await storage.products.search(q);
      if (round > 0) times.push(performance.now() - t);
    }
  }
  return times;
}

const rows: string[][] = [];
const row = (name: string, times: number[], loaded: number) => {
  const p95 = pct(times, 95);
  rows.push([
    `${name}: search over ${LARGE.toLocaleString('en-US')} products (${times.length} queries)`,
    `p50 ${pct(times, 50).toFixed(2)} ms`,
    `p95 ${p95.toFixed(2)} ms`,
    `target <= 10 ms ${p95 <= 10 ? 'met' : 'MISSED'}`,
    `loaded in ${loaded.toFixed(1)} s`,
  ]);
};

const schema = `bench_search_${process.pid}`;
const postgres = await createPostgresStorage({ url: process.env.POSTGRES_URL ?? TEST_POSTGRES_URL, schema });
try {
  const loaded = await load(postgres);
  // What autovacuum does soon after a bulk load: planner statistics, and a visibility map for the index.
  await postgres.pg.query('VACUUM ANALYZE');
  row('PostgreSQL', await time(postgres), loaded);
} finally {
  await postgres.pg.query(`DROP SCHEMA ${schema} CASCADE`);
  await postgres.close();
}

mkdirSync(DIR, { recursive: true });
const path = join(DIR, `search-${process.pid}.db`);
const sqlite = await createSqliteStorage(path);
try {
  const loaded = await load(sqlite);
  row('SQLite', await time(sqlite), loaded);
} finally {
  await sqlite.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
console.log(`\nproduct search, PostgreSQL and SQLite (node ${process.version}${quick ? ', --quick' : ''})\n`);
for (const r of rows) console.log(`| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`);
