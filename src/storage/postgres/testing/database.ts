import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the PostgreSQL tests run: `TEST_POSTGRES_URL`, else the server these machines run on loopback. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A database of this test run's own on the test server (dropped by `drop`), or null - with the reason
 * printed - when no server answers, so that the suite skips rather than fails on a machine without one.
 */
export async function testDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    console.warn(
      `PostgreSQL tests skipped: no server at ${TEST_POSTGRES_URL} (${(error as Error).message}). ` +
        'Start one (e.g. `apt-get install postgresql` with trust auth on 127.0.0.1) or set TEST_POSTGRES_URL.',
    );
    return null;
  }
  const name = `sales_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh schema name, for a test that wants an empty storage inside the run's database. */
export const freshSchema = () => `t_${randomBytes(6).toString('hex')}`;
