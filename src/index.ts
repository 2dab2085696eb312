import { createAppContext, type AppContext } from './app/app-context.js';
import { loadConfig } from './config.js';
import type { ConversationInput, ConversationResult } from './engine.js';
import { createLogger } from './logger.js';

export { createAppContext, createAgents, type AppContext } from './app/app-context.js';
export { loadConfig, ConfigError, type Config, type AgentSettings } from './config.js';
export {
  createSalesEngine,
  type ConversationInput,
  type ConversationResult,
  type SalesEngine,
  type TurnEvent,
  type TurnUsage,
} from './engine.js';
export type { LlmUsage } from './llm/port.js';
export { AppError } from './errors.js';
export { createLogger } from './logger.js';
export type { ResponseData } from './flows/cards.js';
export type * from './domain/types.js';
export type { Storage } from './storage/ports.js';
export { createSqliteStorage } from './storage/sqlite/index.js';
export { seedSampleData } from './data/seed.js';
export { importCatalogue } from './data/import-catalogue.js';
export { buildApp } from './http/app.js';

let shared: Promise<AppContext> | null = null;

/**
 * One turn of a sales conversation, on a service configured from the environment (created on first use,
 * with the sample shop in an empty database). For more control, build one with `createAppContext`.
 */
export async function processSalesConversation(input: ConversationInput): Promise<ConversationResult> {
  shared ??= (async () => {
    const config = loadConfig();
    return createAppContext(config, createLogger(config.LOG_LEVEL), { seedIfEmpty: true });
  })();
  return (await shared).engine.processSalesConversation(input);
}
