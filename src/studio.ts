import { createAppContext } from './bootstrap.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import type { SalesGraph } from './graph/sales-graph.js';

/**
 * The sales graph for LangGraph Studio and the LangGraph CLI's dev server (see langgraph.json): the
 * service is built from the environment as `npm start` builds it - same database, model and agents - and
 * its compiled graph is handed over. The CLI calls this once when it loads the module; nothing in the
 * service imports it.
 */
export async function graph(): Promise<SalesGraph> {
  const config = loadConfig();
  const context = await createAppContext(config, createLogger(config.LOG_LEVEL), { seedIfEmpty: true });
  return context.engine.graph;
}
