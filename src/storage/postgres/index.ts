import { systemClock, type Clock } from '../../domain/clock.js';
import type { StorageBackend } from '../backend.js';
import type { Storage } from '../ports.js';
import { PostgresCheckpointer } from './checkpointer.js';
import { openPg, type Pg, type PgOptions } from './database.js';
import { createPgAuditStore } from './audit.js';
import { createPgCartStore } from './carts.js';
import { createPgChannelStore } from './channels.js';
import { createPgConversationStore } from './conversations.js';
import { createPgCustomerStore } from './customers.js';
import { createPgFeedbackStore } from './feedback.js';
import { createPgInventoryStore } from './inventory.js';
import { migratePostgres } from './migrations.js';
import { createPgOrderStore } from './orders.js';
import { createPgProductStore } from './products.js';
import { prunePostgres } from './retention.js';
import { createPgReturnStore } from './returns.js';
import { createPgWishlistStore } from './wishlist.js';

export interface PostgresStorage extends Storage {
  /** The pool, shared with LangGraph's PostgreSQL checkpointer. */
  readonly pg: Pg;
}

/**
 * A PostgreSQL database (`POSTGRES_URL`) holding every aggregate, migrated when opened. `now` stamps the
 * records a caller does not date itself, as in SQLite.
 */
export async function createPostgresStorage(options: PgOptions & { now?: Clock }): Promise<PostgresStorage> {
  const pg = openPg(options);
  try {
    await migratePostgres(pg);
  } catch (error) {
    await pg.close();
    throw error;
  }
  const now = options.now ?? systemClock;
  return {
    kind: 'postgres',
    pg,
    customers: createPgCustomerStore(pg, now),
    products: createPgProductStore(pg),
    inventory: createPgInventoryStore(pg),
    carts: createPgCartStore(pg, now),
    orders: createPgOrderStore(pg),
    returns: createPgReturnStore(pg),
    feedback: createPgFeedbackStore(pg),
    wishlist: createPgWishlistStore(pg),
    conversations: createPgConversationStore(pg, now),
    audit: createPgAuditStore(pg),
    channels: createPgChannelStore(pg, now),
    async ping() {
      return (await pg.query<{ ok: number }>('SELECT 1 AS ok')).length === 1;
    },
    async close() {
      await pg.close();
    },
  };
}

/** Key of the advisory lock around the checkpointer's own set-up, so instances starting together take turns. */
const CHECKPOINT_SETUP_LOCK = 7_211_021;

/**
 * The PostgreSQL backend: its stores, and conversation state in the same database through LangGraph's
 * official PostgreSQL checkpointer (its tables set up once, under an advisory lock).
 */
export async function createPostgresBackend(options: PgOptions & { now?: Clock }): Promise<StorageBackend> {
  const storage = await createPostgresStorage(options);
  const checkpointer = new PostgresCheckpointer(storage.pg);
  try {
    const client = await storage.pg.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [CHECKPOINT_SETUP_LOCK]);
      await checkpointer.setup();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [CHECKPOINT_SETUP_LOCK]).catch(() => undefined);
      client.release();
    }
  } catch (error) {
    await storage.close();
    throw error;
  }
  return { storage, checkpointer, upgrades: [], prune: (policy) => prunePostgres(storage.pg, policy) };
}
