import { PRUNE_BATCH, type PruneReport, type RetentionPolicy } from '../retention.js';
import type { Db } from './database.js';

const tableExists = (db: Db, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** Runs `statement` in short transactions until it deletes nothing more; resolves with how many it deleted. */
function drain(db: Db, statement: string, ...params: unknown[]): number {
  const stmt = db.prepare(statement);
  let total = 0;
  for (;;) {
    const { changes } = db.transaction(() => stmt.run(...params, PRUNE_BATCH)).immediate();
    total += changes;
    if (changes < PRUNE_BATCH) return total;
  }
}

/**
 * Drops what the retention policy no longer keeps from a SQLite database: checkpoints beyond the newest
 * `keep_checkpoints` of each conversation and all those of idle conversations (LangGraph's `checkpoints`
 * and `writes` tables), and old conversation events. Safe to run while turns go on and from several
 * processes: each batch is its own short write transaction, and deleting what is gone deletes nothing.
 */
export function pruneSqlite(db: Db, policy: RetentionPolicy): PruneReport {
  const events = drain(
    db,
    'DELETE FROM conversation_events WHERE id IN (SELECT id FROM conversation_events WHERE at < ? LIMIT ?)',
    policy.events_before,
  );
  if (!tableExists(db, 'checkpoints')) return { checkpoints: 0, idle_conversations: 0, events };
  const idle = db
    .prepare<[string], { session_id: string }>(
      `SELECT session_id FROM conversations WHERE updated_at < ?
         AND EXISTS (SELECT 1 FROM checkpoints WHERE thread_id = session_id)`,
    )
    .all(policy.idle_before)
    .map((r) => r.session_id);
  let checkpoints = 0;
  // Each delete asks again whether the conversation is still idle: one its customer came back to while the
  // sweep ran keeps its state.
  for (const thread of idle)
    checkpoints += drain(
      db,
      `DELETE FROM checkpoints WHERE rowid IN (SELECT rowid FROM checkpoints WHERE thread_id = ?
         AND thread_id IN (SELECT session_id FROM conversations WHERE updated_at < ?) LIMIT ?)`,
      thread,
      policy.idle_before,
    );
  checkpoints += drain(
    db,
    `DELETE FROM checkpoints WHERE rowid IN (
       SELECT rowid FROM (
         SELECT rowid, row_number() OVER (PARTITION BY thread_id, checkpoint_ns ORDER BY checkpoint_id DESC) AS n
         FROM checkpoints)
       WHERE n > ? LIMIT ?)`,
    Math.max(1, policy.keep_checkpoints),
  );
  if (tableExists(db, 'writes'))
    drain(
      db,
      `DELETE FROM writes WHERE rowid IN (
         SELECT w.rowid FROM writes w WHERE NOT EXISTS (
           SELECT 1 FROM checkpoints c WHERE c.thread_id = w.thread_id AND c.checkpoint_ns = w.checkpoint_ns
             AND c.checkpoint_id = w.checkpoint_id)
         LIMIT ?)`,
    );
  return { checkpoints, idle_conversations: idle.length, events };
}
