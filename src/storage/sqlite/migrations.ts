import {
  CompiledQuery,
  Kysely,
  Migrator,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import { AppError } from '../../errors.js';
import type Database from 'better-sqlite3';
import { LEGACY_STEPS } from './legacy-schema.js';

/**
 * The SQLite schema's migrations, in order; append, never edit. Each is a code object (no files found
 * on disk at run time, so the build is plain tsc), run once and recorded in `kysely_migration`.
 * `raw` is the same connection the migrator runs on, for SQL scripts of several statements.
 */
export function sqliteMigrations(raw: Database.Database): Record<string, Migration> {
  return {
    // Today's schema: the steps earlier versions applied one by one (legacy-schema.ts). A new database
    // runs them all; one left by an earlier version only those it lacks, keeping its data.
    '0001_schema': {
      async up() {
        const applied = raw.pragma('user_version', { simple: true }) as number;
        for (let step = applied; step < LEGACY_STEPS.length; step++) raw.exec(LEGACY_STEPS[step] ?? '');
        raw.pragma(`user_version = ${LEGACY_STEPS.length}`);
      },
    },
    '0002_wishlist': {
      async up(db) {
        await db.schema
          .createTable('wishlist')
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('product_id', 'text', (c) => c.notNull())
          .addColumn('saved_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('wishlist_pk', ['user_id', 'product_id'])
          .execute();
      },
    },
    // A variant's own price and the price before a sale; null sells at the product's price, not on sale.
    // SQLite adds one column per ALTER; a CHECK holds on a new column as on one created with the table.
    '0003_variant_prices': {
      async up(db) {
        for (const column of ['price', 'compare_at_price'])
          await db.schema
            .alterTable('product_variants')
            .addColumn(column, 'real', (c) => c.check(sql`${sql.ref(column)} >= 0`))
            .execute();
      },
    },
    // Analytics reads a range of days: answered turns, status changes and orders by their time, so a
    // week is read from an index rather than by scanning every message ever written.
    '0004_analytics_times': {
      async up(db) {
        await db.schema
          .createIndex('conversation_messages_time')
          .on('conversation_messages')
          .column('timestamp')
          .where(sql.ref('role'), '=', 'assistant')
          .execute();
        await db.schema
          .createIndex('conversation_events_status_at')
          .on('conversation_events')
          .column('at')
          .where(sql.ref('type'), '=', 'status')
          .execute();
        await db.schema.createIndex('orders_created').on('orders').column('created_at').execute();
      },
    },
  };
}

/**
 * Brings a database up to date. Kysely's Migrator does it: one tool for SQLite and PostgreSQL alike,
 * with migrations as code, a record of what ran, and a lock so that instances starting together apply
 * each migration once (PostgreSQL's adapter takes an advisory lock; here the whole run is one
 * `BEGIN IMMEDIATE` transaction, which holds the file's write lock while the others wait on
 * busy_timeout, and rolls back whole if a step fails). Kysely is pinned to ~0.28: 0.29 needs Node 22.
 */
export async function migrateSqlite(raw: Database.Database): Promise<void> {
  const db = new Kysely<Record<string, never>>({ dialect: new ImmediateSqliteDialect(raw) });
  const migrations = sqliteMigrations(raw);
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  // Not `db.destroy()`: that would close the connection, which the stores go on using.
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? null;
    throw new AppError(
      'STORAGE_MIGRATION_FAILED',
      `SQLite migration failed${failed ? ` at ${failed}` : ''}`,
      {
        category: 'system',
        details: { migration: failed },
        cause: error,
      },
    );
  }
}

/** Kysely's SQLite dialect, running migrations in one transaction that takes the write lock first. */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #raw: Database.Database;
  constructor(raw: Database.Database) {
    super({ database: raw });
    this.#raw = raw;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver({ database: this.#raw });
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite's DDL is transactional, though Kysely's adapter runs migrations outside a transaction by default. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
