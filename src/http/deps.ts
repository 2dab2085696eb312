import type { AppContext } from '../bootstrap.js';
import type { SalesEngine } from '../engine.js';
import type { Agents } from '../graph/agents.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/ports.js';

/** What the HTTP layer is built from. */
export interface AppDeps {
  engine: SalesEngine;
  storage: Storage;
  agents: Agents;
  understanding: string;
  mistralConfigured: boolean;
  logger?: Logger;
}

export const depsFrom = (ctx: AppContext): AppDeps => ({
  engine: ctx.engine,
  storage: ctx.storage,
  agents: ctx.agents,
  understanding: ctx.understander.name,
  mistralConfigured: Boolean(ctx.config.MISTRAL_API_KEY),
  logger: ctx.logger,
});
