import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStorageContract } from '../contract/storage-contract.js';
import { createSqliteStorage } from './index.js';

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
