import { systemClock, type Clock } from '../../domain/clock.js';
import type { StorageBackend } from '../backend.js';
import type { Storage } from '../ports.js';
import { createSqliteAuditStore } from './audit.js';
import { createSqliteChannelStore } from './channels.js';
import { createSqliteCartStore } from './carts.js';
import { createCheckpointer, migrateFlatCheckpoints, migrateRenamedThreads } from './checkpointer.js';
import { createSqliteConversationStore } from './conversations.js';
import { createSqliteCustomerStore } from './customers.js';
import { openDatabase, type Db } from './database.js';
import { createSqliteFeedbackStore } from './feedback.js';
import { createSqliteInventoryStore } from './inventory.js';
import { createSqliteOrderStore } from './orders.js';
import { createSqliteProductStore } from './products.js';
import { createSqliteReturnStore } from './returns.js';
import { pruneSqlite } from './retention.js';
import { createSqliteWishlistStore } from './wishlist.js';

export interface SqliteStorage extends Storage {
  /** The open handle, shared with LangGraph's SQLite checkpointer. */
  readonly db: Db;
}

/**
 * The embedded default: one SQLite file (or `:memory:`) holding every aggregate, migrated when opened.
 * `now` stamps the records a caller does not date itself (a cart's last change, a channel link).
 */
export async function createSqliteStorage(
  path: string,
  options: { now?: Clock } = {},
): Promise<SqliteStorage> {
  const db = await openDatabase(path);
  const now = options.now ?? systemClock;
  return {
    kind: 'sqlite',
    db,
    customers: createSqliteCustomerStore(db, now),
    products: createSqliteProductStore(db),
    inventory: createSqliteInventoryStore(db),
    carts: createSqliteCartStore(db, now),
    orders: createSqliteOrderStore(db),
    returns: createSqliteReturnStore(db),
    feedback: createSqliteFeedbackStore(db),
    wishlist: createSqliteWishlistStore(db),
    conversations: createSqliteConversationStore(db, now),
    audit: createSqliteAuditStore(db),
    channels: createSqliteChannelStore(db, now),
    async ping() {
      return db.prepare('SELECT 1 AS ok').get() !== undefined;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/**
 * The SQLite backend: its stores, and conversation state in the same file through LangGraph's own
 * checkpointer, whose checkpoints from earlier versions are brought up to date first.
 */
export async function createSqliteBackend(
  path: string,
  options: { now?: Clock } = {},
): Promise<StorageBackend> {
  const storage = await createSqliteStorage(path, options);
  const upgrades: StorageBackend['upgrades'] = [];
  const renamed = migrateRenamedThreads(storage.db);
  if (renamed > 0)
    upgrades.push({ message: 'channel conversations moved to random ids', conversations: renamed });
  const flattened = await migrateFlatCheckpoints(storage.db);
  if (flattened > 0)
    upgrades.push({
      message: 'conversation checkpoints moved to the memory format',
      conversations: flattened,
    });
  return {
    storage,
    checkpointer: createCheckpointer(storage.db),
    upgrades,
    prune: async (policy) => pruneSqlite(storage.db, policy),
  };
}
