import { Kysely, Migrator, PostgresDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import { AppError } from '../../errors.js';
import { isUnreachable, unreachable, type Pg } from './database.js';
import { SCHEMA_0001 } from './schema.js';

/**
 * PostgreSQL's migrations, in order; append, never edit. Code objects run by the same tool as SQLite's
 * (Kysely's Migrator), recorded in `kysely_migration` in the storage's schema.
 */
export const postgresMigrations: Record<string, Migration> = {
  '0001_schema': {
    async up(db) {
      await sql.raw(SCHEMA_0001).execute(db);
    },
  },
};

/**
 * Brings the database up to date. Instances starting together are safe: Kysely's PostgreSQL adapter
 * holds an advisory lock around the run, and each migration runs in the same transaction as its record.
 */
export async function migratePostgres(pg: Pg): Promise<void> {
  const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool: pg.pool }) });
  const provider: MigrationProvider = { getMigrations: async () => postgresMigrations };
  // Not `db.destroy()`: that would end the pool, which the stores go on using.
  const { error, results } = await new Migrator({
    db,
    provider,
    migrationTableSchema: pg.schema,
  }).migrateToLatest();
  if (error) {
    if (isUnreachable(error)) throw unreachable(error);
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? null;
    throw new AppError(
      'STORAGE_MIGRATION_FAILED',
      `PostgreSQL migration failed${failed ? ` at ${failed}` : ''}`,
      { category: 'system', details: { migration: failed }, cause: error },
    );
  }
}
