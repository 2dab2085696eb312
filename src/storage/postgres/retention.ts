import { PRUNE_BATCH, type PruneReport, type RetentionPolicy } from '../retention.js';
import type { Pg } from './database.js';

/** Key of the advisory lock one instance holds while it sweeps; the others skip that round. */
const RETENTION_LOCK = 7_211_022;

/** Runs a deleting statement until it deletes fewer than a batch; resolves with how many rows went. */
async function drain(pg: Pg, statement: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await pg.query(statement, [...params, PRUNE_BATCH]);
    total += rows.length;
    if (rows.length < PRUNE_BATCH) return total;
  }
}

/**
 * Drops what the retention policy no longer keeps: checkpoints beyond the newest `keep_checkpoints` of each
 * conversation and all those of idle conversations, with their writes and the channel blobs no kept
 * checkpoint points at (LangGraph's PostgreSQL tables), and old conversation events. One instance sweeps
 * at a time (an advisory lock; the others return an empty report); every statement is a short batch.
 */
export async function prunePostgres(pg: Pg, policy: RetentionPolicy): Promise<PruneReport> {
  const none = { checkpoints: 0, idle_conversations: 0, events: 0 };
  const client = await pg.pool.connect();
  try {
    const [lock] = (
      await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [RETENTION_LOCK])
    ).rows;
    if (!lock?.ok) return none;
    try {
      return await sweep(pg, policy);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function sweep(pg: Pg, policy: RetentionPolicy): Promise<PruneReport> {
  const events = await drain(
    pg,
    `DELETE FROM conversation_events WHERE id IN (
       SELECT id FROM conversation_events WHERE at < $1 ORDER BY id LIMIT $2) RETURNING 1`,
    [policy.events_before],
  );
  const idle = (
    await pg.query<{ session_id: string }>(
      `SELECT session_id FROM conversations c WHERE updated_at < $1
         AND EXISTS (SELECT 1 FROM checkpoints k WHERE k.thread_id = c.session_id)`,
      [policy.idle_before],
    )
  ).map((r) => r.session_id);
  let checkpoints = 0;
  if (idle.length > 0) {
    // Each delete asks again whether the conversation is still idle: one its customer came back to while
    // the sweep ran keeps its state.
    const stillIdle = 'thread_id IN (SELECT session_id FROM conversations WHERE updated_at < $2)';
    checkpoints += await drain(
      pg,
      `DELETE FROM checkpoints WHERE (thread_id, checkpoint_ns, checkpoint_id) IN (
         SELECT thread_id, checkpoint_ns, checkpoint_id FROM checkpoints
         WHERE thread_id = ANY($1) AND ${stillIdle} LIMIT $3)
       RETURNING 1`,
      [idle, policy.idle_before],
    );
    await pg.query(`DELETE FROM checkpoint_blobs WHERE thread_id = ANY($1) AND ${stillIdle}`, [
      idle,
      policy.idle_before,
    ]);
  }
  checkpoints += await drain(
    pg,
    `DELETE FROM checkpoints WHERE (thread_id, checkpoint_ns, checkpoint_id) IN (
       SELECT thread_id, checkpoint_ns, checkpoint_id FROM (
         SELECT thread_id, checkpoint_ns, checkpoint_id,
                row_number() OVER (PARTITION BY thread_id, checkpoint_ns ORDER BY checkpoint_id DESC) AS n
         FROM checkpoints) ranked
       WHERE n > $1 LIMIT $2)
     RETURNING 1`,
    [Math.max(1, policy.keep_checkpoints)],
  );
  await drain(
    pg,
    `DELETE FROM checkpoint_writes WHERE ctid IN (
       SELECT w.ctid FROM checkpoint_writes w WHERE NOT EXISTS (
         SELECT 1 FROM checkpoints c WHERE c.thread_id = w.thread_id AND c.checkpoint_ns = w.checkpoint_ns
           AND c.checkpoint_id = w.checkpoint_id)
       LIMIT $1)
     RETURNING 1`,
    [],
  );
  // A channel's value is stored once per version and shared by the checkpoints that saw it: one no kept
  // checkpoint names is no longer needed.
  await drain(
    pg,
    `DELETE FROM checkpoint_blobs WHERE ctid IN (
       SELECT b.ctid FROM checkpoint_blobs b WHERE NOT EXISTS (
         SELECT 1 FROM checkpoints c WHERE c.thread_id = b.thread_id AND c.checkpoint_ns = b.checkpoint_ns
           AND c.checkpoint -> 'channel_versions' ->> b.channel = b.version)
       LIMIT $1)
     RETURNING 1`,
    [],
  );
  return { checkpoints, idle_conversations: idle.length, events };
}
