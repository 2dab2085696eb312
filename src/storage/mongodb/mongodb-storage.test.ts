import { describe, expect, it } from 'vitest';
import { retentionContract } from '../contract/retention.contract.js';
import { runStorageContract } from '../contract/storage.contract.js';
import { createMongoBackend, createMongoStorage } from './index.js';
import { COLLECTIONS } from './schema.js';
import { freshDbName, testMongo } from './testing/database.js';

/** The server the suite runs on; null when `MONGODB_URI` does not answer, and the suite skips. */
const mongo = await testMongo();

/** A fresh, empty storage for each contract test: a database of its own, dropped when it closes. */
const open = async (dbName = freshDbName()) => {
  const storage = await createMongoStorage({ uri: mongo!.uri, dbName, poolMax: 4 });
  return {
    storage,
    async close() {
      await storage.db.dropDatabase();
      await storage.close();
    },
  };
};

describe.skipIf(!mongo)('mongodb', () => {
  runStorageContract('mongodb', () => open());
  retentionContract('mongodb', () => createMongoBackend({ uri: mongo!.uri, dbName: freshDbName() }));

  it('makes its collections and indexes once, however many instances open a new database together', async () => {
    const dbName = freshDbName();
    const opened = await Promise.all([open(dbName), open(dbName), open(dbName)]);
    const again = await open(dbName);
    const names = (await again.storage.db.listCollections({}, { nameOnly: true }).toArray()).map(
      (c) => c.name,
    );
    expect(names).toEqual(expect.arrayContaining(Object.keys(COLLECTIONS)));
    for (const [name, indexes] of Object.entries(COLLECTIONS)) {
      const made = (await again.storage.db.collection(name).indexes()).map((i) => i.name);
      expect(made.sort()).toEqual(['_id_', ...indexes.map((i) => i.name)].sort());
    }
    for (const o of opened) await o.storage.close();
    await again.close();
  });

  it('keeps conversation state with LangGraph checkpoints in the same database', async () => {
    const dbName = freshDbName();
    const backend = await createMongoBackend({ uri: mongo!.uri, dbName });
    const config = { configurable: { thread_id: 'web-1', checkpoint_ns: '' } };
    const checkpoint = {
      v: 4,
      id: '1ef4f797-8335-6428-8001-8a1503f9b875',
      ts: '2026-01-01T00:00:00.000Z',
      channel_values: { memory: { owner_id: 'u1' } },
      channel_versions: {},
      versions_seen: {},
    };
    await backend.checkpointer.put(config, checkpoint, { source: 'input', step: -1, parents: {} }, {});
    const tuple = await backend.checkpointer.getTuple(config);
    expect(tuple?.checkpoint.channel_values).toEqual({ memory: { owner_id: 'u1' } });
    expect(backend.storage.kind).toBe('mongodb');
    await backend.storage.close();
    await (await open(dbName)).close();
  });
});
