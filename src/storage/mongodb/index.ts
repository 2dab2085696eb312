import { MongoDBSaver } from '@langchain/langgraph-checkpoint-mongodb';
import type { Db, MongoClient } from 'mongodb';
import { systemClock, type Clock } from '../../domain/clock.js';
import { AppError } from '../../errors.js';
import type { StorageBackend } from '../backend.js';
import { PlainJsonSerializer } from '../checkpoint-serializer.js';
import type { Storage } from '../ports.js';
import { createMongoAuditStore } from './audit.js';
import { createMongoCartStore } from './carts.js';
import { createMongoChannelStore } from './channels.js';
import { createMongoConversationStore } from './conversations.js';
import { createMongoCustomerStore } from './customers.js';
import { openMongo, type MongoOptions } from './database.js';
import { createMongoFeedbackStore } from './feedback.js';
import { createMongoInventoryStore } from './inventory.js';
import { createMongoOrderStore } from './orders.js';
import { createMongoProductStore } from './products.js';
import { createMongoReturnStore } from './returns.js';
import { pruneMongo } from './retention.js';
import { guarded } from './unreachable.js';
import { createMongoWishlistStore } from './wishlist.js';

export type { MongoOptions } from './database.js';

export interface MongoStorage extends Storage {
  /** The client and database, shared with LangGraph's MongoDB checkpointer. */
  readonly client: MongoClient;
  readonly db: Db;
}

/**
 * A MongoDB database (`MONGODB_URI`) holding every aggregate, its collections and indexes made when
 * opened. It must be a replica set (one node will do) or a sharded cluster: placing an order, moving it
 * along its lifecycle, returns, and anything that moves money, stock or points across documents are
 * multi-document transactions, which a standalone server cannot run - opening one is refused. `now`
 * stamps the records a caller does not date itself, as in SQLite.
 *
 * Not verified in CI: these machines cannot run MongoDB. Its contract suite (mongodb-storage.test.ts)
 * runs wherever `MONGODB_URI` answers.
 */
export async function createMongoStorage(options: MongoOptions & { now?: Clock }): Promise<MongoStorage> {
  const mongo = await openMongo(options);
  const now = options.now ?? systemClock;
  return {
    kind: 'mongodb',
    client: mongo.client,
    db: mongo.db,
    customers: guarded(createMongoCustomerStore(mongo, now)),
    products: guarded(createMongoProductStore(mongo)),
    inventory: guarded(createMongoInventoryStore(mongo)),
    carts: guarded(createMongoCartStore(mongo, now)),
    orders: guarded(createMongoOrderStore(mongo)),
    returns: guarded(createMongoReturnStore(mongo)),
    feedback: guarded(createMongoFeedbackStore(mongo)),
    wishlist: guarded(createMongoWishlistStore(mongo)),
    conversations: guarded(createMongoConversationStore(mongo, now)),
    audit: guarded(createMongoAuditStore(mongo)),
    channels: guarded(createMongoChannelStore(mongo, now)),
    async ping() {
      return (await mongo.db.command({ ping: 1 })).ok === 1;
    },
    async close() {
      await mongo.close();
    },
  };
}

/**
 * The MongoDB backend: its stores, and conversation state in the same database through LangGraph's
 * official MongoDB checkpointer on the same client (its indexes made when opened; that is idempotent
 * and safe for instances starting together).
 */
export async function createMongoBackend(options: MongoOptions & { now?: Clock }): Promise<StorageBackend> {
  const storage = await createMongoStorage(options);
  const checkpointer = new MongoDBSaver(
    { client: storage.client, dbName: storage.db.databaseName },
    new PlainJsonSerializer(),
  );
  const failed = await checkpointer.setup().catch((error: unknown) => [error]);
  if (failed.length > 0) {
    await storage.close();
    throw new AppError('STORAGE_UNAVAILABLE', 'MongoDB checkpointer indexes could not be made', {
      category: 'system',
      cause: failed[0],
    });
  }
  return { storage, checkpointer, upgrades: [], prune: (policy) => pruneMongo(storage.db, policy) };
}
