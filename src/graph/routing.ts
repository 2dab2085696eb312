import type { Intent } from '../nlu/port.js';
import type { AgentName, RoutePlan } from './types.js';

const SHOPPING: RoutePlan = { primary: 'recommendation', secondary: ['inventory'] };
const CART: RoutePlan = { primary: 'cart', secondary: ['loyalty'] };
const LOYALTY: RoutePlan = { primary: 'loyalty', secondary: ['cart'] };
const ORCHESTRATOR: RoutePlan = { primary: 'orchestrator', secondary: [] };

/** The routing table: which agent answers an intent and which ones add to its answer. */
export const ROUTES: Record<Intent, RoutePlan> = {
  browse: SHOPPING,
  search: SHOPPING,
  recommend: SHOPPING,
  product_details: SHOPPING,
  add_to_cart: CART,
  checkout: CART,
  view_cart: CART,
  remove_from_cart: CART,
  update_cart: CART,
  clear_cart: CART,
  order_status: { primary: 'cart', secondary: [] },
  inventory_check: { primary: 'inventory', secondary: [] },
  loyalty: LOYALTY,
  redeem_points: LOYALTY,
  greeting: ORCHESTRATOR,
  support: ORCHESTRATOR,
  general_chat: ORCHESTRATOR,
  thanks: ORCHESTRATOR,
  goodbye: ORCHESTRATOR,
};

export const routeFor = (intent: Intent): RoutePlan => ROUTES[intent];

/** After route_decision: the orchestrator answers alone, everything else runs agents first. */
export const afterRouting = (plan: RoutePlan): 'execute_agent' | 'aggregate_response' =>
  plan.primary === 'orchestrator' ? 'aggregate_response' : 'execute_agent';

/** The public name of an agent, as the API reports it in `last_agent`. */
export const AGENT_LABELS: Record<AgentName, string> = {
  recommendation: 'recommendation_agent',
  inventory: 'inventory_agent',
  cart: 'cart_agent',
  loyalty: 'loyalty_agent',
  orchestrator: 'sales_orchestrator',
};
