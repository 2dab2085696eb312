import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import type { PruneReport, RetentionPolicy } from './retention.js';
import type { Storage } from './storage.js';

/**
 * What a storage backend opens: every store, and LangGraph's checkpointer keeping conversation state in
 * the same database. `storage.close()` closes both.
 */
export interface StorageBackend {
  storage: Storage;
  checkpointer: BaseCheckpointSaver;
  /** What opening it did to data left by earlier versions, for the log (empty when nothing). */
  upgrades: { message: string; conversations: number }[];
  /** Drops conversation state and stream events the policy no longer keeps (retention.ts). */
  prune(policy: RetentionPolicy): Promise<PruneReport>;
}
