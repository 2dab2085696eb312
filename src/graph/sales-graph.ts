import { Runnable, type RunnableConfig } from '@langchain/core/runnables';
import type { BaseCheckpointSaver, LangGraphRunnableConfig } from '@langchain/langgraph';
import { END, START, StateGraph } from '@langchain/langgraph';
import {
  aggregateResponse,
  analyzeIntent,
  executeAgent,
  nextRequest,
  retrieveContext,
  routeDecision,
  saveToDb,
  type NodeDeps,
} from './nodes.js';
import { afterRouting } from './routing.js';
import { channelUpdate, flatten, SalesState, type SalesGraphState, type SalesGraphUpdate } from './state.js';
import { type SalesStateType, type SalesStateUpdate } from '../flows/conversation.js';

type NodeFn = (
  state: SalesStateType,
  config?: LangGraphRunnableConfig,
) => SalesStateUpdate | Promise<SalesStateUpdate>;

/**
 * A node handed to LangGraph as a Runnable, which it runs as it is. A plain function would be wrapped in a
 * RunnableCallable that, tracing or not, builds a merged config and a run tree for async-local lookups
 * (getConfig, interrupt, getWriter) the nodes don't use: they take the config, and its writer, as an
 * argument. The node reads the flat state and its update is written back to the two channels.
 */
class SalesNode extends Runnable<SalesGraphState, SalesGraphUpdate> {
  lc_namespace = ['sales_agent', 'graph'];
  constructor(
    name: string,
    private readonly fn: NodeFn,
  ) {
    super();
    this.name = name;
  }
  override async invoke(state: SalesGraphState, config?: RunnableConfig): Promise<SalesGraphUpdate> {
    const update = await this.fn(flatten(state), config as LangGraphRunnableConfig | undefined);
    return channelUpdate(state, update);
  }
}

/**
 * The seed's six-node sales graph; the orchestrator's own intents skip straight to the reply. A message
 * asking for several things goes from the reply back to the understanding, through next_request, once
 * for each further request.
 */
export function createSalesGraph(deps: NodeDeps & { checkpointer: BaseCheckpointSaver }) {
  return (
    new StateGraph(SalesState)
      .addNode('retrieve_context', new SalesNode('retrieve_context', retrieveContext(deps)))
      .addNode('analyze_intent', new SalesNode('analyze_intent', analyzeIntent(deps)))
      .addNode('route_decision', new SalesNode('route_decision', routeDecision))
      .addNode('execute_agent', new SalesNode('execute_agent', executeAgent(deps)))
      .addNode('aggregate_response', new SalesNode('aggregate_response', aggregateResponse(deps)))
      .addNode('next_request', new SalesNode('next_request', nextRequest))
      .addNode('save_to_db', new SalesNode('save_to_db', saveToDb(deps)))
      .addEdge(START, 'retrieve_context')
      .addEdge('retrieve_context', 'analyze_intent')
      .addEdge('analyze_intent', 'route_decision')
      .addConditionalEdges('route_decision', (state) => afterRouting(state.work.plan, state.work.intent), [
        'execute_agent',
        'aggregate_response',
      ])
      .addEdge('execute_agent', 'aggregate_response')
      // A message asking for several things goes round again for each further request.
      .addConditionalEdges(
        'aggregate_response',
        (state) => (state.work.requests?.length ? 'next_request' : 'save_to_db'),
        ['next_request', 'save_to_db'],
      )
      .addEdge('next_request', 'analyze_intent')
      .addEdge('save_to_db', END)
      .compile({ checkpointer: deps.checkpointer })
  );
}

export type SalesGraph = ReturnType<typeof createSalesGraph>;
