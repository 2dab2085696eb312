import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { EventBus } from '../events/event-bus.js';
import { createInProcessEventBus } from '../events/in-process-event-bus.js';
import { withEventNotices } from '../events/notify-on-write.js';
import type { Logger } from '../logger.js';
import { createStorageBackend } from '../app/storage-backend.js';
import type { StorageBackend } from '../storage/backend.js';
import type { Storage } from '../storage/ports.js';

/** How long a starting server waits for its database server to answer before it gives up. */
const STARTUP_WAIT_MS = 60_000;

/** The opened database: its stores, the conversation checkpointer in the same database, and the event bus. */
export interface OpenedStorage {
  storage: Storage;
  checkpointer: BaseCheckpointSaver;
  /** The backend's retention sweep (conversation state and stream events past the policy). */
  prune: StorageBackend['prune'];
  /** Tells live streams that conversation events were written (this process only, for now). */
  events: EventBus;
}

/**
 * Opens the configured storage backend (seeding the sample shop into an empty database when asked), with
 * conversation writes telling the event bus.
 */
export async function openStorage(
  config: Config,
  logger: Logger,
  options: { now: Clock; seedIfEmpty?: boolean | undefined },
): Promise<OpenedStorage> {
  const { now } = options;
  const events = createInProcessEventBus({
    onError: (error) => logger.error({ err: error }, 'event notice listener failed'),
  });
  // Conversation state lives in the same database, through the backend's LangGraph checkpointer.
  // A database server started beside the app (Compose, a restart) may take a while to answer.
  const backend = await createStorageBackend(config, {
    now,
    waitMs: STARTUP_WAIT_MS,
    onWait: (error, attempt) =>
      logger.warn(
        { err: error, attempt, storage: config.STORAGE },
        'database not reachable yet; trying again',
      ),
  });
  for (const upgrade of backend.upgrades)
    logger.info({ conversations: upgrade.conversations }, upgrade.message);
  const { checkpointer, storage: opened } = backend;
  // Every conversation write (turns, operators, notices, channels) wakes the streams that show it. A
  // write by another process is not heard: streams find it on their periodic re-check until a bus
  // shared between instances exists.
  const storage = { ...opened, conversations: withEventNotices(opened.conversations, events) };
  if (options.seedIfEmpty && (await storage.products.count()) === 0) {
    logger.info(
      config.STORAGE === 'sqlite'
        ? { storage: 'sqlite', path: config.SQLITE_PATH }
        : { storage: config.STORAGE },
      'empty database: loading the sample shop',
    );
    // The sample generator loads only when there is an empty database to fill.
    const { seedSampleData } = await import('../data/seed.js');
    const summary = await seedSampleData(storage, {
      now: now(),
      paymentMinutes: config.ORDER_PAYMENT_TIMEOUT_MINUTES,
    });
    logger.info(summary, 'sample shop loaded');
  }
  return { storage, checkpointer, events, prune: backend.prune };
}
