import { describe, expect, it } from 'vitest';
import { createStorageBackend } from './storage-backend.js';

describe('createStorageBackend', () => {
  it('opens SQLite with its stores and checkpointer', async () => {
    const backend = await createStorageBackend({ STORAGE: 'sqlite', SQLITE_PATH: ':memory:' });
    expect(backend.storage.kind).toBe('sqlite');
    expect(await backend.storage.ping()).toBe(true);
    expect(await backend.checkpointer.getTuple({ configurable: { thread_id: 'none' } })).toBeUndefined();
    expect(backend.upgrades).toEqual([]);
    await backend.storage.close();
  });

  it('names a backend this version does not have', async () => {
    await expect(createStorageBackend({ STORAGE: 'mongodb', SQLITE_PATH: ':memory:' })).rejects.toMatchObject(
      {
        code: 'STORAGE_UNAVAILABLE',
        category: 'system',
      },
    );
  });
});
