import type { Customer } from '../domain/types.js';
import type { Turn } from '../flows/flow.js';
import { flowOf, specOf } from '../flows/registry.js';
import type { ShopContext } from '../shop/shop-context.js';
import type { ProductStore } from '../storage/ports.js';
import type { Agents } from '../flows/agents.js';
import { routeFor } from './routing.js';
import { nameFits, namedAmong } from '../flows/shared/named.js';
import type { SalesStateType, SalesStateUpdate } from '../flows/conversation.js';
import type { CartResult } from '../flows/shared/cart-result.js';

export interface ExecuteDeps {
  agents: Agents;
  shop: ShopContext;
  products: ProductStore;
  loadCustomer: (userId: string) => Promise<Customer>;
}

/** The cart as this turn's cart agent left it, when the turn read or changed the cart. */
export function cartOf(result: CartResult | undefined) {
  if (result?.kind === 'view') return result.cart;
  if (result?.kind === 'add' && result.result.status === 'added') return result.result.cart;
  if (result?.kind === 'change') return result.result.cart;
  return null;
}

/**
 * Runs the primary agent's handler for the turn's intent, then the secondaries with its findings.
 * Returns the results plus the conversation memory they change (products shown, focus, pending add).
 */
export async function executeAgents(state: SalesStateType, deps: ExecuteDeps): Promise<SalesStateUpdate> {
  const e = state.entities;
  const customer = await deps.loadCustomer(state.user_id);
  let target = state.target_product_id;
  // A product named but not on screen ("add the Northwind ProBook") is looked up in the catalogue; so is
  // one named in full that only shares a word with the one on screen ("the Velo Zip Lite Hoodie" is not the
  // Velo Tech Oversized Hoodie shown), when the catalogue has one the name fits.
  if (e.reference?.kind === 'name' && specOf(state.intent).needs_product) {
    const named = e.reference.text;
    const onScreen = state.shown.find((p) => p.product_id === target);
    // A name that fits several products on screen ("the Velo one") is asked about, not searched for.
    const several = namedAmong(state.shown, named, state.message).length > 1;
    if (several) target = null;
    else if (!target || (onScreen && !nameFits(named, onScreen))) {
      const hit = (await deps.products.search({ text: named, limit: 1 }))[0];
      if (!target) target = hit && nameFits(named, hit) ? hit.product_id : null;
      else if (hit && nameFits(named, hit)) target = hit.product_id;
    }
  }
  let turn: Turn = {
    state,
    agents: deps.agents,
    shop: deps.shop,
    customer,
    location: e.location ?? customer.location,
    target,
  };
  // A flow may hand the turn to another, from what the customer's data says the message means.
  const over = await flowOf(state.intent).handOver?.(turn);
  const moved = over && over !== state.intent ? over : null;
  if (moved) turn = { ...turn, state: { ...state, intent: moved, plan: routeFor(moved), unclear: null } };
  const handler = flowOf(turn.state.intent).handle;
  const { results, update = {} } = handler ? await handler(turn) : { results: {} };

  // Secondary: what the cart now means in loyalty terms.
  const cartNow = cartOf(results.cart);
  if (state.plan.secondary.includes('loyalty') && !results.loyalty && cartNow && cartNow.item_count > 0) {
    results.loyalty = { kind: 'quote', quote: deps.agents.loyalty.quote(customer, cartNow.subtotal) };
  }
  // Handed over, the turn counts as understood.
  const handed = moved
    ? {
        intent: moved,
        plan: turn.state.plan,
        last_agent: turn.state.plan.primary,
        unclear: null,
        misunderstood: 0,
      }
    : {};
  // "The other one" is the product in focus before this one.
  const moved_focus =
    update.focus && state.focus && update.focus !== state.focus ? { previous_focus: state.focus } : {};
  return { ...update, ...moved_focus, ...handed, results };
}
