import pg from 'pg';
import { AppError } from '../../errors.js';

/** Runs one statement and resolves with its rows (use `RETURNING` to learn what a write changed). */
export type Query = <R = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<R[]>;

/** A pool of connections to one PostgreSQL database (and schema), with the two ways the stores use it. */
export interface Pg {
  readonly pool: pg.Pool;
  /** The schema its tables live in (`public` unless a test asked for its own). */
  readonly schema: string;
  /** One statement on whichever connection is free. */
  query: Query;
  /**
   * Runs `work` in one transaction on one connection (READ COMMITTED): committed when it resolves, rolled
   * back when it throws. Stores make their read-check-write steps safe with row locks (`FOR UPDATE` on the
   * aggregate, stock rows in sku order); a transaction PostgreSQL aborts for a deadlock or a serialisation
   * failure is run again, up to five times.
   */
  tx<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PgOptions {
  url: string;
  /** Connections the pool opens at most. */
  poolMax?: number;
  /** A schema of its own (created when missing), for tests that each want an empty database. */
  schema?: string;
}

/** How long a query waits for a connection before the database counts as unreachable. */
const CONNECT_TIMEOUT_MS = 5000;

/** Node's socket errors, and SQLSTATEs of a lost or refused connection (class 08, server shutting down). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/**
 * True for an error that says the database can't be reached (refused, dropped, timed out), rather than that
 * a statement was wrong: what a request gets 503 for, to be tried again once the server is back.
 */
export function isUnreachable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e) return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (UNREACHABLE.has(code) || code.startsWith('08')) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/i.test(
    message,
  );
}

/** The error a request gets while the database is unreachable (503, `STORAGE_UNAVAILABLE`). */
export const unreachable = (cause: unknown) =>
  new AppError(
    'STORAGE_UNAVAILABLE',
    'The shop database is unreachable right now; please try again in a moment.',
    {
      category: 'system',
      details: { retry_after: 5 },
      cause,
    },
  );

/** Rethrows an unreachable database as `STORAGE_UNAVAILABLE`, anything else as it is. */
export function rethrow(error: unknown): never {
  throw isUnreachable(error) ? unreachable(error) : error;
}

/** SQLSTATEs worth a second try: serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

/**
 * Counts (`count(*)`, int8) and sums of integers (numeric) come back from pg as strings, since they may
 * exceed 2^53; nothing this shop counts comes near it, so they are read as numbers.
 */
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

/** Drops NUL characters from a string (and from every string inside a parsed JSON value). */
const noNul = (_: string, v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v);

/**
 * PostgreSQL refuses a NUL character in text, and its escape in jsonb; a customer can type one, so it is
 * dropped from every string parameter rather than failing the turn. A parameter holding JSON (what the
 * stores write to jsonb columns) that escapes one is parsed and written again without it; text that only
 * looks like an escape (a customer typing a backslash and "u0000") is left as it is.
 */
function clean(params: readonly unknown[] | undefined): unknown[] | undefined {
  return params?.map((p) => {
    if (typeof p !== 'string') return p;
    const text = p.includes('\u0000') ? p.replaceAll('\u0000', '') : p;
    if (!p.includes('\\u0000') || !/^[[{"]/.test(p)) return text;
    try {
      return JSON.stringify(JSON.parse(p), noNul);
    } catch {
      return text;
    }
  });
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function openPg(options: PgOptions): Pg {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
  });
  // An idle connection the server drops (a restart, a failover) must not crash the process: the pool
  // discards it and opens a new one for the next query.
  pool.on('error', () => undefined);
  // The same for a connection that is checked out when the server drops it: pg-pool stops listening to a
  // client it has handed out, and an unheard 'error' event would end the process. The query or transaction
  // using it fails instead (a 503), and the connection is thrown away on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const on =
    (client: pg.Pool | pg.PoolClient): Query =>
    async (text, params) => {
      try {
        return (await client.query({ text, values: clean(params) })).rows as never;
      } catch (error) {
        return rethrow(error);
      }
    };
  return {
    pool,
    schema: options.schema ?? 'public',
    query: on(pool),
    async tx(work) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect().catch(rethrow);
        try {
          await client.query('BEGIN');
          const result = await work(on(client));
          await client.query('COMMIT');
          client.release();
          return result;
        } catch (error) {
          // A connection that failed mid-transaction is thrown away, not returned to the pool.
          const broken = await client.query('ROLLBACK').then(
            () => false,
            () => true,
          );
          client.release(broken);
          const code = (error as { code?: string }).code;
          if (code && RETRYABLE.has(code) && attempt < ATTEMPTS) continue;
          rethrow(error);
        }
      }
    },
    async close() {
      await pool.end();
    },
  };
}
