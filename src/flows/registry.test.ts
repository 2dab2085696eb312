import { describe, expect, it } from 'vitest';
import { FLOWS, INTENT_DEFINITIONS, INTENTS, flowOf, isIntent, specOf } from './registry.js';

describe('the flows registry', () => {
  it('gives every intent exactly one flow, with examples to learn it from', () => {
    const names = FLOWS.flatMap((flow) => Object.keys(flow.intents));
    expect(new Set(names).size).toBe(names.length);
    expect(INTENTS).toEqual(names);
    for (const intent of INTENTS) {
      expect(flowOf(intent).intents).toHaveProperty(intent);
      expect(specOf(intent).examples.length, intent).toBeGreaterThanOrEqual(10);
      expect(specOf(intent).patterns.length, intent).toBeGreaterThanOrEqual(1);
    }
  });

  it('tells the understanding every intent with its flow, and one to fall back on', () => {
    expect(INTENT_DEFINITIONS.map((d) => d.name)).toEqual(INTENTS);
    for (const d of INTENT_DEFINITIONS) expect(isIntent(d.name) && flowOf(d.name).name).toBe(d.group);
    expect(INTENT_DEFINITIONS.filter((d) => d.fallback)).toHaveLength(1);
  });

  it('names each flow once', () => {
    const names = FLOWS.map((flow) => flow.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('runs a handler for every flow an agent answers; the orchestrator only hands conversations to people, keeps feedback and finds the orders a payment question is about', () => {
    for (const flow of FLOWS)
      expect(flow.handle !== undefined, flow.name).toBe(
        flow.route.primary !== 'orchestrator' || ['handoff', 'feedback', 'support'].includes(flow.name),
      );
  });

  it('tells an intent from any other word, including object internals', () => {
    expect(isIntent('checkout')).toBe(true);
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', ''])
      expect(isIntent(word)).toBe(false);
  });
});
