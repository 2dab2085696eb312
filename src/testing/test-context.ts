import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext, type AppContext } from '../app/app-context.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { SAMPLE_SHOP_OPTIONS } from '../nlu-eval/evaluate.js';
import { createOfflineNlu } from '../nlu/offline/offline-nlu.js';
import type { Understander } from '../nlu/port.js';

let shared: Promise<Understander> | null = null;

/**
 * The offline understander with the sample catalogue's words: trained once per run of the suite and
 * kept in the system's temporary directory for the other test files (the model-cache test covers that
 * reading it back predicts exactly as training does).
 */
export function sharedUnderstander(): Promise<Understander> {
  shared ??= createOfflineNlu({
    ...SAMPLE_SHOP_OPTIONS,
    cacheDir: join(tmpdir(), 'langgraph-sales-agent-test-models'),
  });
  return shared;
}

/** A whole service on an in-memory database holding the sample shop. */
export async function createTestContext(
  env: Record<string, string> = {},
  options: { now?: () => Date; modelFetch?: typeof fetch } = {},
): Promise<AppContext> {
  return createAppContext(loadConfig({ SQLITE_PATH: ':memory:', ...env }), createLogger('silent'), {
    seedIfEmpty: true,
    understander: await sharedUnderstander(),
    ...options,
  });
}
