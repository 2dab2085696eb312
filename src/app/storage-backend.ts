import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { AppError } from '../errors.js';
import type { StorageBackend } from '../storage/backend.js';
import { createSqliteBackend } from '../storage/sqlite/index.js';

type StorageConfig = Pick<Config, 'STORAGE' | 'SQLITE_PATH'> &
  Partial<
    Pick<
      Config,
      'POSTGRES_URL' | 'POSTGRES_POOL_MAX' | 'MONGODB_URI' | 'MONGODB_DB_NAME' | 'MONGODB_POOL_MAX'
    >
  >;

export interface StorageBackendOptions {
  now?: Clock;
  /**
   * How long to keep trying a database server that does not answer yet (it may be starting beside the
   * app), in ms; 0 gives up at once.
   */
  waitMs?: number;
  /** Told of each failed try while waiting, to log it. */
  onWait?: (error: unknown, attempt: number) => void;
}

/**
 * Opens the configured storage backend, with its stores and its checkpointer. A backend is a folder in
 * storage/ (running the storage contract from its test) and a case here; the server backends load only
 * when chosen, so their drivers cost nothing otherwise.
 */
export async function createStorageBackend(
  config: StorageConfig,
  options: StorageBackendOptions = {},
): Promise<StorageBackend> {
  switch (config.STORAGE) {
    case 'sqlite':
      return createSqliteBackend(config.SQLITE_PATH, options);
    case 'postgres': {
      const url = config.POSTGRES_URL;
      if (!url)
        throw new AppError('STORAGE_UNAVAILABLE', 'POSTGRES_URL is required when STORAGE=postgres.', {
          category: 'system',
        });
      const { createPostgresBackend } = await import('../storage/postgres/index.js');
      const { isUnreachable } = await import('../storage/postgres/database.js');
      return waitFor(
        () => createPostgresBackend({ url, poolMax: config.POSTGRES_POOL_MAX, now: options.now }),
        isUnreachable,
        options,
      );
    }
    case 'mongodb': {
      const { createMongoBackend } = await import('../storage/mongodb/index.js');
      const { isMongoUnreachable } = await import('../storage/mongodb/unreachable.js');
      return waitFor(
        () =>
          createMongoBackend({
            uri: config.MONGODB_URI ?? 'mongodb://localhost:27017',
            dbName: config.MONGODB_DB_NAME ?? 'sales_agent_db',
            poolMax: config.MONGODB_POOL_MAX ?? 10,
            now: options.now,
          }),
        isMongoUnreachable,
        options,
      );
    }
  }
}

/** Opens a backend, trying again (1 s, 2 s, ... up to 5 s apart) while its server can't be reached. */
async function waitFor(
  open: () => Promise<StorageBackend>,
  unreachable: (error: unknown) => boolean,
  options: StorageBackendOptions,
): Promise<StorageBackend> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      const down = unreachable(error) || unreachable((error as { cause?: unknown }).cause);
      if (!down || Date.now() >= deadline) throw error;
      options.onWait?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, attempt * 1000)));
    }
  }
}
