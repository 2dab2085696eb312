import { systemClock, type Clock } from '../../domain/clock.js';
import type { Storage } from '../ports.js';
import { createSqliteAuditStore } from './audit.js';
import { createSqliteChannelStore } from './channels.js';
import { createSqliteCartStore } from './carts.js';
import { createSqliteConversationStore } from './conversations.js';
import { createSqliteCustomerStore } from './customers.js';
import { openDatabase, type Db } from './database.js';
import { createSqliteFeedbackStore } from './feedback.js';
import { createSqliteInventoryStore } from './inventory.js';
import { createSqliteOrderStore } from './orders.js';
import { createSqliteProductStore } from './products.js';
import { createSqliteReturnStore } from './returns.js';

export interface SqliteStorage extends Storage {
  /** The open handle, shared with LangGraph's SQLite checkpointer. */
  readonly db: Db;
}

/**
 * The embedded default: one SQLite file (or `:memory:`) holding every aggregate. `now` stamps the
 * records a caller does not date itself (a cart's last change, a channel link).
 */
export function createSqliteStorage(path: string, options: { now?: Clock } = {}): SqliteStorage {
  const db = openDatabase(path);
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
