import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import { createInProcessEventBus } from '../events/in-process-event-bus.js';
import { withEventNotices } from '../events/notify-on-write.js';
import { createCheckpointer, migrateFlatCheckpoints, migrateRenamedThreads } from '../graph/checkpointer.js';
import type { Logger } from '../logger.js';
import { createSqliteStorage, type SqliteStorage } from '../storage/sqlite/index.js';
import type { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';

/** The opened database: its stores, the conversation checkpointer on the same file, and the event bus. */
export interface OpenedStorage {
  storage: SqliteStorage;
  checkpointer: SqliteSaver;
  /** Tells live streams that conversation events were written (this process only, for now). */
  events: EventBus;
}

/**
 * Opens the configured storage (seeding the sample shop into an empty database when asked), brings old
 * conversation checkpoints up to date and opens LangGraph's checkpointer beside the stores.
 */
export async function openStorage(
  config: Config,
  logger: Logger,
  options: { now: Clock; seedIfEmpty?: boolean | undefined },
): Promise<OpenedStorage> {
  const { now } = options;
  if (config.STORAGE !== 'sqlite') {
    throw new AppError(
      'STORAGE_UNAVAILABLE',
      `STORAGE=${config.STORAGE} is not available in this version; use sqlite.`,
      {
        category: 'system',
      },
    );
  }
  const events = createInProcessEventBus({
    onError: (error) => logger.error({ err: error }, 'event notice listener failed'),
  });
  const sqlite = createSqliteStorage(config.SQLITE_PATH, { now });
  // Every conversation write (turns, operators, notices, channels) wakes the streams that show it. A
  // write by another process is not heard: streams find it on their periodic re-check until a bus
  // shared between instances exists.
  const storage = { ...sqlite, conversations: withEventNotices(sqlite.conversations, events) };
  if (options.seedIfEmpty && (await storage.products.count()) === 0) {
    logger.info({ path: config.SQLITE_PATH }, 'empty database: loading the sample shop');
    // The sample generator loads only when there is an empty database to fill.
    const { seedSampleData } = await import('../data/seed.js');
    const summary = await seedSampleData(storage, {
      now: now(),
      paymentMinutes: config.ORDER_PAYMENT_TIMEOUT_MINUTES,
    });
    logger.info(summary, 'sample shop loaded');
  }
  // Conversation state lives in the same SQLite file, through LangGraph's own checkpointer.
  const renamed = migrateRenamedThreads(storage.db);
  if (renamed > 0) logger.info({ conversations: renamed }, 'channel conversations moved to random ids');
  const migrated = await migrateFlatCheckpoints(storage.db);
  if (migrated > 0)
    logger.info({ conversations: migrated }, 'conversation checkpoints moved to the memory format');
  const checkpointer = createCheckpointer(storage.db);
  return { storage, checkpointer, events };
}
