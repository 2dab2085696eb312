import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { redactUri } from '../database.js';

/** How long the tests wait for a MongoDB server to answer before they skip. */
const ANSWER_MS = 2000;

/**
 * The MongoDB server the tests run on (`MONGODB_URI`, a replica set), or null - with the reason printed -
 * when none is named or none answers in time, so that the suite skips rather than fails on a machine
 * without one (as these machines are).
 */
export async function testMongo(): Promise<{ uri: string } | null> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.warn(
      'MongoDB tests skipped: MONGODB_URI is not set. Point it at a replica set (one node will do: ' +
        '`mongod --replSet rs0` and `rs.initiate()`) to run them.',
    );
    return null;
  }
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: ANSWER_MS, connectTimeoutMS: ANSWER_MS });
  try {
    await client.db('admin').command({ ping: 1 });
    return { uri };
  } catch (error) {
    console.warn(
      `MongoDB tests skipped: no server answered at ${redactUri(uri)} within ${ANSWER_MS} ms ` +
        `(${(error as Error).message}).`,
    );
    return null;
  } finally {
    await client.close();
  }
}

/** A database name of this run's own, for a test that wants an empty storage (dropped when it closes). */
export const freshDbName = () => `sales_test_${process.pid}_${randomBytes(4).toString('hex')}`;
