import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqlite } from './migrations.js';

export type Db = Database.Database;

/** Opens (creating if needed) a database file, or `:memory:`, and applies pending migrations. */
export async function openDatabase(path: string): Promise<Db> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
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
