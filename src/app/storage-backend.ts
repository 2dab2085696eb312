import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { AppError } from '../errors.js';
import type { StorageBackend } from '../storage/backend.js';
import { createSqliteBackend } from '../storage/sqlite/index.js';

/**
 * Opens the configured storage backend, with its stores and its checkpointer. A new backend is a folder
 * in storage/, beside sqlite/ (running the storage contract from its test) and a case here.
 */
export async function createStorageBackend(
  config: Pick<Config, 'STORAGE' | 'SQLITE_PATH'>,
  options: { now?: Clock } = {},
): Promise<StorageBackend> {
  switch (config.STORAGE) {
    case 'sqlite':
      return createSqliteBackend(config.SQLITE_PATH, options);
    default:
      throw new AppError(
        'STORAGE_UNAVAILABLE',
        `STORAGE=${config.STORAGE} is not available in this version; use sqlite.`,
        { category: 'system' },
      );
  }
}
