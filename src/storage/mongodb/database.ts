import { MongoClient, type ClientSession, type Db } from 'mongodb';
import { AppError } from '../../errors.js';
import { prepareCollections } from './schema.js';

export interface MongoOptions {
  /** A MongoDB connection string (`MONGODB_URI`): a replica set, or mongos in front of one. */
  uri: string;
  /** The database the stores and the checkpointer use; the connection string's when absent. */
  dbName?: string;
  /** Connections the client opens at most (the driver's `maxPoolSize`). */
  poolMax?: number;
}

/** One connection pool to one database, with the way the stores make several writes one. */
export interface Mongo {
  readonly client: MongoClient;
  readonly db: Db;
  /**
   * Runs `work` in one multi-document transaction (snapshot reads, majority writes): committed when it
   * resolves, aborted when it throws. Every operation inside must pass `session`, and run one after
   * another. Two transactions writing the same document conflict, and the driver runs the loser's
   * `work` again from the start (so it reads what the winner wrote): this is what makes a transaction's
   * read-check-write steps safe, and why a transaction that only reads a document another may change
   * writes it too (see `touch`).
   */
  tx<T>(work: (session: ClientSession) => Promise<T>): Promise<T>;
  /**
   * Reserves `count` ids in an increasing series (conversation events, audit entries, feedback): the
   * last of them. Inside a transaction the counter is written by it, so transactions taking ids commit
   * in the order of their ids, and a reader resuming after an id misses none committed later.
   */
  nextIds(name: string, count: number, session?: ClientSession): Promise<number>;
  /**
   * Writes a marker document named `key` in the transaction, so that two transactions that decide on the
   * same thing (an order's returns, what one address holds) conflict and run one after the other.
   */
  touch(key: string, session: ClientSession): Promise<void>;
  close(): Promise<void>;
}

/** Thrown inside `tx` to abort it with an answer for the caller (a refusal, not a failure). */
export class Abort<R> {
  constructor(readonly result: R) {}
}

/** Runs `work` in a transaction, resolving with the answer of an `Abort` it threw (nothing written). */
export async function txOrAbort<T, R>(
  mongo: Mongo,
  work: (session: ClientSession) => Promise<T>,
): Promise<T | R> {
  try {
    return await mongo.tx(work);
  } catch (error) {
    if (error instanceof Abort) return error.result as R;
    throw error;
  }
}

/** MongoDB's code for a write that a unique index refused. */
export const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

/**
 * Runs an upsert (outside a transaction) again when it lost a race to insert the same unique key: the
 * second try finds the document the winner made.
 */
export async function retryDuplicate<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return write();
  }
}

/** A connection string without its password, for messages and logs. */
export const redactUri = (uri: string): string => uri.replace(/\/\/([^@/]*)@/, '//***@');

/**
 * Connects, checks the server can run transactions (a replica set member or mongos: a standalone
 * mongod cannot, and checkout needs them), and makes the collections and indexes (schema.ts).
 */
export async function openMongo(options: MongoOptions): Promise<Mongo> {
  const client = new MongoClient(options.uri, {
    maxPoolSize: options.poolMax ?? 10,
    appName: 'langgraph-sales-agent',
    // A request waits this long for a server before it is told the database is unreachable (a 503).
    serverSelectionTimeoutMS: 5000,
  });
  try {
    await client.connect();
    const hello = await client.db('admin').command({ hello: 1 });
    if (!hello.setName && hello.msg !== 'isdbgrid')
      throw new AppError(
        'STORAGE_UNAVAILABLE',
        `MongoDB at ${redactUri(options.uri)} is a standalone server; the MongoDB backend needs a replica set ` +
          'for its transactions (a single node will do: start mongod with --replSet rs0 and run rs.initiate()).',
        { category: 'system' },
      );
    const db = client.db(options.dbName);
    await prepareCollections(db);
    return handle(client, db);
  } catch (error) {
    await client.close().catch(() => undefined);
    if (error instanceof AppError) throw error;
    throw new AppError('STORAGE_UNAVAILABLE', `MongoDB at ${redactUri(options.uri)} could not be opened`, {
      category: 'system',
      cause: error,
    });
  }
}

function handle(client: MongoClient, db: Db): Mongo {
  const counters = db.collection<{ _id: string; seq: number }>('counters');
  return {
    client,
    db,
    async tx(work) {
      const session = client.startSession();
      try {
        return await session.withTransaction(work, {
          readConcern: { level: 'snapshot' },
          writeConcern: { w: 'majority' },
          readPreference: 'primary',
        });
      } finally {
        await session.endSession();
      }
    },
    async nextIds(name, count, session) {
      const take = () =>
        counters.findOneAndUpdate(
          { _id: name },
          { $inc: { seq: count } },
          { upsert: true, returnDocument: 'after', ...(session ? { session } : {}) },
        );
      // The first ids of a series, taken by two callers at once outside a transaction: one makes the
      // counter, the other's upsert may meet it and is made again.
      const counter = session ? await take() : await retryDuplicate(take);
      return counter?.seq ?? count;
    },
    async touch(key, session) {
      await counters.updateOne({ _id: key }, { $inc: { seq: 1 } }, { upsert: true, session });
    },
    async close() {
      await client.close();
    },
  };
}
