import { Annotation, END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';

const BareState = Annotation.Root({
  message: Annotation<string>,
  response: Annotation<string>,
});

const noop = () => ({});

/** The framework's floor: the sales graph's six nodes, wired the same way, doing no work. */
export function createBareGraph(checkpointer?: BaseCheckpointSaver) {
  return new StateGraph(BareState)
    .addNode('retrieve_context', noop)
    .addNode('analyze_intent', noop)
    .addNode('route_decision', noop)
    .addNode('execute_agent', noop)
    .addNode('aggregate_response', () => ({ response: 'ok' }))
    .addNode('save_to_db', noop)
    .addEdge(START, 'retrieve_context')
    .addEdge('retrieve_context', 'analyze_intent')
    .addEdge('analyze_intent', 'route_decision')
    .addConditionalEdges('route_decision', () => 'execute_agent' as const, [
      'execute_agent',
      'aggregate_response',
    ])
    .addEdge('execute_agent', 'aggregate_response')
    .addEdge('aggregate_response', 'save_to_db')
    .addEdge('save_to_db', END)
    .compile(checkpointer ? { checkpointer } : {});
}
