import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { END, START, StateGraph } from '@langchain/langgraph';
import {
  aggregateResponse,
  analyzeIntent,
  executeAgent,
  retrieveContext,
  routeDecision,
  saveToDb,
  type NodeDeps,
} from './nodes.js';
import { afterRouting } from './routing.js';
import { SalesState } from './state.js';

/** The seed's six-node sales graph; the orchestrator's own intents skip straight to the reply. */
export function createSalesGraph(deps: NodeDeps & { checkpointer: BaseCheckpointSaver }) {
  return new StateGraph(SalesState)
    .addNode('retrieve_context', retrieveContext(deps))
    .addNode('analyze_intent', analyzeIntent(deps))
    .addNode('route_decision', routeDecision)
    .addNode('execute_agent', executeAgent(deps))
    .addNode('aggregate_response', aggregateResponse(deps))
    .addNode('save_to_db', saveToDb(deps))
    .addEdge(START, 'retrieve_context')
    .addEdge('retrieve_context', 'analyze_intent')
    .addEdge('analyze_intent', 'route_decision')
    .addConditionalEdges('route_decision', (state) => afterRouting(state.plan), [
      'execute_agent',
      'aggregate_response',
    ])
    .addEdge('execute_agent', 'aggregate_response')
    .addEdge('aggregate_response', 'save_to_db')
    .addEdge('save_to_db', END)
    .compile({ checkpointer: deps.checkpointer });
}

export type SalesGraph = ReturnType<typeof createSalesGraph>;
