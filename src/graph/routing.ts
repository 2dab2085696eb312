import { flowOf, type Intent } from '../flows/registry.js';
import type { AgentName, RoutePlan } from '../flows/conversation.js';

/** Which agent answers an intent and which ones add to its answer: the intent's flow decides. */
export const routeFor = (intent: Intent): RoutePlan => flowOf(intent).route;

/**
 * After route_decision: the orchestrator answers alone, everything else runs agents first - and so
 * does an orchestrator flow with a handler of its own (handing a conversation to a person).
 */
export const afterRouting = (plan: RoutePlan, intent: Intent): 'execute_agent' | 'aggregate_response' =>
  plan.primary === 'orchestrator' && !flowOf(intent).handle && !flowOf(intent).handOver
    ? 'aggregate_response'
    : 'execute_agent';

/** The public name of an agent, as the API reports it in `last_agent`. */
export const AGENT_LABELS: Record<AgentName, string> = {
  recommendation: 'recommendation_agent',
  inventory: 'inventory_agent',
  cart: 'cart_agent',
  loyalty: 'loyalty_agent',
  orchestrator: 'sales_orchestrator',
};
