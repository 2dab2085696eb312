import type { Db } from 'mongodb';
import { PRUNE_BATCH, type PruneReport, type RetentionPolicy } from '../retention.js';

interface CheckpointKey {
  thread_id: string;
  checkpoint_ns: string;
  checkpoint_id: string;
}

/**
 * Drops what the retention policy no longer keeps: checkpoints beyond the newest `keep_checkpoints` of each
 * conversation and all those of idle conversations, with their writes (LangGraph's `checkpoints` and
 * `checkpoint_writes` collections), and old conversation events. Every delete is idempotent, so instances
 * sweeping at once remove each document once.
 */
export async function pruneMongo(db: Db, policy: RetentionPolicy): Promise<PruneReport> {
  const checkpoints = db.collection<CheckpointKey>('checkpoints');
  const writes = db.collection<CheckpointKey>('checkpoint_writes');
  const events = (
    await db.collection('conversation_events').deleteMany({ at: { $lt: policy.events_before } })
  ).deletedCount;
  const idleIds = await db
    .collection<{ _id: string; updated_at: string }>('conversations')
    .find({ updated_at: { $lt: policy.idle_before } }, { projection: { _id: 1 } })
    .map((c) => c._id)
    .toArray();
  let dropped = 0;
  let idle = 0;
  for (let i = 0; i < idleIds.length; i += PRUNE_BATCH) {
    // Asked again: a conversation its customer came back to while the sweep ran keeps its state.
    const batch = await db
      .collection<{ _id: string; updated_at: string }>('conversations')
      .find({ _id: { $in: idleIds.slice(i, i + PRUNE_BATCH) }, updated_at: { $lt: policy.idle_before } })
      .map((c) => c._id)
      .toArray();
    idle += (await checkpoints.distinct('thread_id', { thread_id: { $in: batch } })).length;
    dropped += (await checkpoints.deleteMany({ thread_id: { $in: batch } })).deletedCount;
    await writes.deleteMany({ thread_id: { $in: batch } });
  }
  const keep = Math.max(1, policy.keep_checkpoints);
  const beyond = checkpoints.aggregate<{ _id: { t: string; ns: string }; old: string[] }>([
    { $sort: { thread_id: 1, checkpoint_ns: 1, checkpoint_id: -1 } },
    { $group: { _id: { t: '$thread_id', ns: '$checkpoint_ns' }, ids: { $push: '$checkpoint_id' } } },
    { $match: { [`ids.${keep}`]: { $exists: true } } },
    { $project: { old: { $slice: ['$ids', keep, { $size: '$ids' }] } } },
  ]);
  for await (const thread of beyond) {
    const match = {
      thread_id: thread._id.t,
      checkpoint_ns: thread._id.ns,
      checkpoint_id: { $in: thread.old },
    };
    dropped += (await checkpoints.deleteMany(match)).deletedCount;
    await writes.deleteMany(match);
  }
  return { checkpoints: dropped, idle_conversations: idle, events };
}
