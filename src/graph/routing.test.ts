import { describe, expect, it } from 'vitest';
import { INTENTS } from '../flows/registry.js';
import { afterRouting, routeFor } from './routing.js';

describe('routing', () => {
  it.each([
    ['browse', 'recommendation', ['inventory']],
    ['search', 'recommendation', ['inventory']],
    ['recommend', 'recommendation', ['inventory']],
    ['add_to_cart', 'cart', ['loyalty']],
    ['checkout', 'cart', ['loyalty']],
    ['inventory_check', 'inventory', []],
    ['loyalty', 'loyalty', ['cart']],
    ['greeting', 'orchestrator', []],
    ['store_policy', 'orchestrator', []],
    ['complaint', 'orchestrator', []],
    ['general_chat', 'orchestrator', []],
  ] as const)('sends %s to %s with %j', (intent, primary, secondary) => {
    expect(routeFor(intent)).toEqual({ primary, secondary });
  });

  it('has a route for every intent', () => {
    for (const intent of INTENTS) expect(routeFor(intent).primary).toBeTruthy();
  });

  it('skips agent execution only for the orchestrator', () => {
    expect(afterRouting(routeFor('bot_identity'), 'bot_identity')).toBe('aggregate_response');
    // Small talk may hand a turn it did not understand to another flow ("can I return the headphones?").
    expect(afterRouting(routeFor('greeting'), 'greeting')).toBe('execute_agent');
    expect(afterRouting(routeFor('checkout'), 'checkout')).toBe('execute_agent');
    // The orchestrator's handoff has a handler: it asks for a person before replying.
    expect(afterRouting(routeFor('human_agent'), 'human_agent')).toBe('execute_agent');
  });
});
