import { rmSync } from 'node:fs';
import { createAppContext, type AppContext } from '../src/app/app-context.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { testDatabase } from '../src/storage/postgres/testing/database.js';
import { SCRIPT, pct } from './shared.js';

type Row = string[];
const ms = (v: number) => v.toFixed(2);

/** Bytes of conversation state and stream events in the database: what retention is about. */
async function stateBytes(ctx: AppContext): Promise<number> {
  const storage = ctx.storage as unknown as {
    kind: string;
    db?: { prepare(sql: string): { get(): unknown } };
    pg?: { query<R>(sql: string): Promise<R[]> };
  };
  if (storage.db) {
    const row = storage.db
      .prepare(
        `SELECT (SELECT coalesce(sum(length(checkpoint) + length(metadata)), 0) FROM checkpoints)
              + (SELECT coalesce(sum(length(value)), 0) FROM writes)
              + (SELECT coalesce(sum(length(data)), 0) FROM conversation_events) AS bytes`,
      )
      .get() as { bytes: number };
    return row.bytes;
  }
  const [row] = await storage.pg!.query<{ bytes: number }>(
    `SELECT (SELECT coalesce(sum(pg_column_size(c.*)), 0) FROM checkpoints c)
          + (SELECT coalesce(sum(pg_column_size(b.*)), 0) FROM checkpoint_blobs b)
          + (SELECT coalesce(sum(pg_column_size(w.*)), 0) FROM checkpoint_writes w)
          + (SELECT coalesce(sum(pg_column_size(e.*)), 0) FROM conversation_events e) AS bytes`,
  );
  return row?.bytes ?? 0;
}

/**
 * Full turns on PostgreSQL next to SQLite (interleaved batches, so the machine's drift lands on both), then
 * the conversation state 1,000 turns leave in each database before and after the retention sweep.
 */
export async function postgresRows(sqlitePath: string, quick: boolean): Promise<Row[]> {
  const database = await testDatabase();
  if (!database) return [['PostgreSQL rows', 'skipped: no PostgreSQL server', '', '']];
  const rows: Row[] = [];
  for (const end of ['', '-wal', '-shm']) rmSync(sqlitePath + end, { force: true });
  const open = (env: Record<string, string>) =>
    createAppContext(loadConfig({ LOG_LEVEL: 'silent', ...env }), createLogger('silent'), {
      seedIfEmpty: true,
    });
  const sqlite = await open({ SQLITE_PATH: sqlitePath });
  const postgres = await open({ STORAGE: 'postgres', POSTGRES_URL: database.url });
  try {
    const counters = new Map<AppContext, number>();
    const turn = (ctx: AppContext) => {
      const n = counters.get(ctx) ?? 0;
      counters.set(ctx, n + 1);
      // 50 conversations of 20 turns each per 1,000 turns.
      return ctx.engine.processSalesConversation({
        userId: `customer${String((n % 50) % 8).padStart(3, '0')}`,
        channel: 'web',
        message: SCRIPT[Math.floor(n / 50) % SCRIPT.length]!,
        sessionId: `growth-${Math.floor(n / 1000)}-${n % 50}`,
      });
    };
    const timed = async (ctx: AppContext, count: number) => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await turn(ctx);
        times.push(performance.now() - started);
      }
      return times;
    };
    const lite: number[] = [];
    const pg: number[] = [];
    const rounds = quick ? 5 : 20;
    for (let round = 0; round < rounds; round++) {
      lite.push(...(await timed(sqlite, 50)));
      pg.push(...(await timed(postgres, 50)));
    }
    rows.push([
      `full turn on SQLite (${lite.length} turns)`,
      `p50 ${ms(pct(lite, 50))} ms`,
      `p95 ${ms(pct(lite, 95))} ms`,
      '',
    ]);
    rows.push([
      `full turn on PostgreSQL, same turns interleaved`,
      `p50 ${ms(pct(pg, 50))} ms`,
      `p95 ${ms(pct(pg, 95))} ms`,
      `${(pct(pg, 50) / pct(lite, 50)).toFixed(2)}x SQLite (p50)`,
    ]);
    for (const [name, ctx] of [
      ['SQLite', sqlite],
      ['PostgreSQL', postgres],
    ] as const) {
      const turns = counters.get(ctx) ?? 0;
      const before = await stateBytes(ctx);
      const report = await ctx.pruneConversations();
      const after = await stateBytes(ctx);
      const perThousand = (bytes: number) => `${(((bytes / turns) * 1000) / 1024).toFixed(0)} KB`;
      rows.push([
        `${name}: conversation state per 1,000 turns (50 conversations of 20 turns)`,
        `${perThousand(before)} before retention`,
        `${perThousand(after)} after (${report.checkpoints} checkpoints dropped)`,
        '',
      ]);
    }
  } finally {
    await sqlite.close();
    await postgres.close();
    await database.drop();
  }
  return rows;
}
