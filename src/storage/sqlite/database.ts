import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqlite } from './migrations.js';

export type Db = Database.Database;

/** How long a statement waits for another connection's lock before it fails. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Switches the file to write-ahead logging. Several processes opening a new file at once contend for the
 * switch, and SQLite answers SQLITE_BUSY at once rather than through the busy handler: the switch is
 * tried again until one of them has made it or the busy timeout has passed.
 */
function toWal(db: Db): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/** Opens (creating if needed) a database file, or `:memory:`, and applies pending migrations. */
export async function openDatabase(path: string): Promise<Db> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    toWal(db);
  } catch (error) {
    db.close();
    throw error;
  }
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // A large catalogue's search index doesn't fit SQLite's 2 MB default cache; reading it from the OS on
  // every query costs more than the memory.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  try {
    await migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Parses a JSON column written by this adapter. */
export const json = <T>(text: string): T => JSON.parse(text) as T;
