import { describe, expect, it } from 'vitest';
import { Abort, isDuplicateKey, redactUri, retryDuplicate, txOrAbort, type Mongo } from './database.js';

const duplicate = Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });

describe('mongo helpers', () => {
  it('tells a unique index refusing a write from other errors', () => {
    expect(isDuplicateKey(duplicate)).toBe(true);
    expect(isDuplicateKey(Object.assign(new Error('write conflict'), { code: 112 }))).toBe(false);
    expect(isDuplicateKey(null)).toBe(false);
  });

  it('tries an upsert that lost a race once more, and no more', async () => {
    let calls = 0;
    expect(await retryDuplicate(async () => (++calls === 1 ? Promise.reject(duplicate) : 'made'))).toBe(
      'made',
    );
    calls = 0;
    await expect(retryDuplicate(async () => (++calls, Promise.reject(duplicate)))).rejects.toBe(duplicate);
    expect(calls).toBe(2);
    const other = new Error('down');
    await expect(retryDuplicate(() => Promise.reject(other))).rejects.toBe(other);
  });

  it('answers with what a transaction was aborted with, and lets failures through', async () => {
    const mongo = {
      tx: (work: (session: never) => Promise<unknown>) => work(undefined as never),
    } as unknown as Mongo;
    expect(await txOrAbort(mongo, async () => 'done')).toBe('done');
    expect(
      await txOrAbort(mongo, async () => {
        throw new Abort({ ok: false });
      }),
    ).toEqual({ ok: false });
    await expect(txOrAbort(mongo, () => Promise.reject(duplicate))).rejects.toBe(duplicate);
  });

  it('keeps passwords out of connection strings it shows', () => {
    expect(redactUri('mongodb://app:s3cret@db1:27017,db2:27017/shop?replicaSet=rs0')).toBe(
      'mongodb://***@db1:27017,db2:27017/shop?replicaSet=rs0',
    );
    expect(redactUri('mongodb+srv://cluster0.example.net/shop')).toBe(
      'mongodb+srv://cluster0.example.net/shop',
    );
  });
});
