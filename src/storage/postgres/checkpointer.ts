import type { RunnableConfig } from '@langchain/core/runnables';
import type {
  ChannelVersions,
  Checkpoint,
  CheckpointListOptions,
  CheckpointMetadata,
  CheckpointTuple,
  PendingWrite,
} from '@langchain/langgraph-checkpoint';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { PlainJsonSerializer } from '../checkpoint-serializer.js';
import { rethrow, type Pg } from './database.js';

/**
 * LangGraph's official PostgreSQL checkpointer on the stores' pool, with the plain-JSON reader, saying
 * `STORAGE_UNAVAILABLE` (a 503) like the stores when the database can't be reached.
 */
export class PostgresCheckpointer extends PostgresSaver {
  constructor(pg: Pg) {
    super(pg.pool, new PlainJsonSerializer(), { schema: pg.schema });
  }
  override getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    return super.getTuple(config).catch(rethrow);
  }
  override async *list(
    config: RunnableConfig,
    options?: CheckpointListOptions,
  ): AsyncGenerator<CheckpointTuple> {
    try {
      yield* super.list(config, options);
    } catch (error) {
      rethrow(error);
    }
  }
  override put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    return super.put(config, checkpoint, metadata, newVersions).catch(rethrow);
  }
  override putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    return super.putWrites(config, writes, taskId).catch(rethrow);
  }
  override deleteThread(threadId: string): Promise<void> {
    return super.deleteThread(threadId).catch(rethrow);
  }
}
