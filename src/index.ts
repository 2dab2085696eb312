export { createAppContext, type AppContext } from './app/app-context.js';
export { createAgents } from './app/agents.js';
export { startBackgroundJobs, type BackgroundJobs } from './app/jobs.js';
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
export { buildApp, type HttpOptions } from './app/http.js';
