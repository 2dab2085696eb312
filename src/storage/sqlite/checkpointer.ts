import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { newMemory, type ConversationMemory } from '../../flows/conversation.js';
import { PlainJsonSerializer } from '../checkpoint-serializer.js';
import type { Db } from './database.js';

/** LangGraph's SQLite checkpointer on the given database, with the plain-JSON reader. */
export function createCheckpointer(db: Db): SqliteSaver {
  return new SqliteSaver(db, new PlainJsonSerializer());
}

interface CheckpointRow {
  thread_id: string;
  checkpoint_ns: string;
  checkpoint_id: string;
  type: string;
  checkpoint: Buffer;
}

/**
 * Conversations checkpointed before the state had a `memory` channel kept each field in its own channel.
 * Their latest checkpoints are rewritten once, so they resume with their memory and, above all, their
 * owner (a conversation stays its first user's). Returns how many were rewritten.
 */
export async function migrateFlatCheckpoints(db: Db): Promise<number> {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'").get();
  if (!table) return 0;
  const rows = db
    .prepare<[], CheckpointRow>(
      `SELECT c.thread_id, c.checkpoint_ns, c.checkpoint_id, c.type, c.checkpoint FROM checkpoints c
       WHERE c.checkpoint_id = (SELECT max(checkpoint_id) FROM checkpoints l
                                WHERE l.thread_id = c.thread_id AND l.checkpoint_ns = c.checkpoint_ns)
         AND json_type(CAST(c.checkpoint AS TEXT), '$.channel_values.owner_id') IS NOT NULL
         AND json_type(CAST(c.checkpoint AS TEXT), '$.channel_values.memory') IS NULL`,
    )
    .all();
  if (rows.length === 0) return 0;
  const serde = new PlainJsonSerializer();
  const update = db.prepare(
    'UPDATE checkpoints SET checkpoint = ? WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?',
  );
  const rewritten: [Uint8Array, string, string, string][] = [];
  for (const row of rows) {
    const checkpoint = (await serde.loadsTyped(row.type, row.checkpoint.toString())) as {
      channel_values: Record<string, unknown>;
    };
    const values = checkpoint.channel_values;
    const memory = newMemory() as unknown as Record<string, unknown>;
    for (const key of Object.keys(memory)) if (values[key] !== undefined) memory[key] = values[key];
    const kept = Object.entries(values).filter(([k]) => k.startsWith('__') || k.startsWith('branch:'));
    checkpoint.channel_values = {
      ...Object.fromEntries(kept),
      memory: memory as unknown as ConversationMemory,
    };
    const [, data] = await serde.dumpsTyped(checkpoint);
    rewritten.push([data, row.thread_id, row.checkpoint_ns, row.checkpoint_id]);
  }
  db.transaction(() => {
    for (const args of rewritten) update.run(...args);
  })();
  return rewritten.length;
}

/**
 * Moves checkpoints whose conversation got a new id in a storage migration (`session_renames`, written
 * by the migration that gave channel conversations random ids) to that id, then forgets the renames.
 * Returns how many conversations moved.
 */
export function migrateRenamedThreads(db: Db): number {
  const tables = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((t) => t.name),
  );
  if (!tables.has('session_renames')) return 0;
  return db.transaction(() => {
    const renames = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM session_renames').get()!.n;
    for (const table of ['checkpoints', 'writes']) {
      if (!tables.has(table)) continue;
      db.exec(
        `UPDATE ${table} SET thread_id = (SELECT new_id FROM session_renames WHERE old_id = thread_id)
         WHERE thread_id IN (SELECT old_id FROM session_renames)`,
      );
    }
    db.exec('DELETE FROM session_renames');
    return renames;
  })();
}
