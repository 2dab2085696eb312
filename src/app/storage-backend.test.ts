import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../storage/postgres/testing/database.js';
import { createStorageBackend } from './storage-backend.js';

const database = await testDatabase();
afterAll(async () => database?.drop());

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createStorageBackend', () => {
  it('opens SQLite with its stores and checkpointer', async () => {
    const backend = await createStorageBackend({ STORAGE: 'sqlite', SQLITE_PATH: ':memory:' });
    expect(backend.storage.kind).toBe('sqlite');
    expect(await backend.storage.ping()).toBe(true);
    expect(await backend.checkpointer.getTuple({ configurable: { thread_id: 'none' } })).toBeUndefined();
    expect(backend.upgrades).toEqual([]);
    await backend.storage.close();
  });

  it.skipIf(!database)('opens PostgreSQL with its stores and checkpointer', async () => {
    const backend = await createStorageBackend({
      STORAGE: 'postgres',
      SQLITE_PATH: ':memory:',
      POSTGRES_URL: database!.url,
      POSTGRES_POOL_MAX: 2,
    });
    expect(backend.storage.kind).toBe('postgres');
    expect(await backend.storage.ping()).toBe(true);
    expect(await backend.checkpointer.getTuple({ configurable: { thread_id: 'none' } })).toBeUndefined();
    await backend.storage.close();
  });

  it('says a MongoDB server that does not answer is unreachable', async () => {
    const uri = `mongodb://127.0.0.1:${await closedPort()}/?directConnection=true`;
    await expect(
      createStorageBackend({ STORAGE: 'mongodb', SQLITE_PATH: ':memory:', MONGODB_URI: uri }),
    ).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', category: 'system' });
  }, 20_000);

  it('says a PostgreSQL server that does not answer is unreachable, after trying for as long as it was told', async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/shop`;
    const tries: number[] = [];
    await expect(
      createStorageBackend(
        { STORAGE: 'postgres', SQLITE_PATH: ':memory:', POSTGRES_URL: url },
        { waitMs: 1500, onWait: (_, attempt) => tries.push(attempt) },
      ),
    ).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', category: 'system' });
    // Refused at once on loopback: tried again after a second, then given up.
    expect(tries[0]).toBe(1);
  });
});
