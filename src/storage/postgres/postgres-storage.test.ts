import { afterAll, describe, expect, it } from 'vitest';
import { retentionContract } from '../contract/retention.contract.js';
import { runStorageContract } from '../contract/storage.contract.js';
import { createPostgresBackend, createPostgresStorage } from './index.js';
import { postgresMigrations } from './migrations.js';
import { freshSchema, testDatabase } from './testing/database.js';

/** This run's own database (dropped at the end); null when no PostgreSQL answers, and the suite skips. */
const database = await testDatabase();
afterAll(async () => database?.drop());

/** A fresh, empty storage for each contract test: a schema of its own in the run's database. */
const postgres = async () => {
  const storage = await createPostgresStorage({ url: database!.url, schema: freshSchema(), poolMax: 4 });
  return { storage, close: () => storage.close() };
};

describe.skipIf(!database)('postgres', () => {
  runStorageContract('postgres', postgres);
  retentionContract('postgres', () =>
    createPostgresBackend({ url: database!.url, schema: freshSchema(), poolMax: 4 }),
  );

  it('migrates once, and again is a no-op', async () => {
    const schema = freshSchema();
    const first = await createPostgresStorage({ url: database!.url, schema });
    await first.close();
    const second = await createPostgresStorage({ url: database!.url, schema });
    const ran = await second.pg.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name');
    expect(ran.map((r) => r.name)).toEqual(Object.keys(postgresMigrations));
    await second.close();
  });
});
