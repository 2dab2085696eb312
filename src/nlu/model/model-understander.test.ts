import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INTENT_DEFINITIONS } from '../../flows/registry.js';
import { identityFor } from '../../llm/errors.js';
import { createMistral } from '../../llm/mistral.js';
import { withResilience } from '../../llm/resilient.js';
import { createFakeMistral } from '../../testing/fake-mistral.js';
import { sharedUnderstander } from '../../testing/test-context.js';
import type { Understander } from '../port.js';
import { createHybridUnderstander } from './hybrid.js';
import { createModelUnderstander } from './model-understander.js';
import { createEntityMapper } from './vocabulary.js';

const fake = createFakeMistral({ apiKey: 'k' });
let offline: Understander;
let modelUnderstander: Understander;

const answer = (fields: Record<string, unknown>) => ({
  content: JSON.stringify({
    intent: 'general_chat',
    confidence: 0.9,
    language: 'en',
    category: null,
    brand: null,
    color: null,
    size: null,
    quantity: null,
    price_min: null,
    price_max: null,
    price_direction: null,
    points: null,
    fulfilment: null,
    place: null,
    query: null,
    reference: null,
    ...fields,
  }),
});

beforeAll(async () => {
  offline = await sharedUnderstander();
  const model = withResilience(
    createMistral({
      model: 'mistral-small-latest',
      apiKey: 'k',
      fetch: fake.fetch,
      temperature: 0.7,
      maxTokens: 500,
      structuredOutput: 'json_schema',
    }),
    identityFor('mistral', 'mistral-small-latest'),
    {
      // Nothing here is slow on purpose: a margin that holds on a loaded machine.
      timeoutMs: 10_000,
      maxRetries: 0,
      baseDelayMs: 1,
      maxDelayMs: 1,
      breakerFailures: 100,
      breakerCooldownMs: 1000,
    },
  );
  modelUnderstander = createModelUnderstander({
    model,
    prices: { input: 0.1, output: 0.3 },
    mapper: createEntityMapper({
      categories: ['shoes', 'laptops'],
      brands: ['Stride'],
      places: [{ name: 'Oakland', lat: 37.8, lng: -122.27 }],
    }),
    intents: INTENT_DEFINITIONS,
  });
});
// A test that fails must not leave its scripted answers to the next one.
beforeEach(() => fake.reset());

describe('understanding with a model', () => {
  it('asks once, with the schema and the conversation, and maps the answer onto the shop', async () => {
    fake.script(
      answer({
        intent: 'add_to_cart',
        language: 'es',
        category: 'sneakers',
        brand: 'stride',
        color: 'navy',
        size: 'medium',
        quantity: 2,
        place: 'oakland',
        query: 'running',
        reference: { kind: 'ordinal', position: 2, value: null },
      }),
    );
    const u = await modelUnderstander.understand('añade dos de las segundas', {
      shown: [
        { product_id: 'SHOE001', name: 'Stride Runner' },
        { product_id: 'SHOE002', name: 'Stride Trail' },
      ],
      last_intent: 'browse',
      language: null,
    });
    expect(u).toMatchObject({
      intent: 'add_to_cart',
      language: 'es',
      source: 'mistral:mistral-small-latest',
      entities: {
        category: 'shoes',
        brand: 'Stride',
        color: 'navy',
        size: 'M',
        quantity: 2,
        location: { name: 'Oakland' },
        query: 'running',
        reference: { kind: 'ordinal', index: 1 },
      },
    });
    expect(u.usage).toMatchObject({ calls: 1 });
    expect(u.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(u.usage?.cost_usd).toBeGreaterThan(0);
    const sent = fake.requests[0];
    expect(fake.requests).toHaveLength(1);
    expect(sent?.schema).toMatchObject({ required: expect.arrayContaining(['intent', 'reference']) });
    // Understanding runs at temperature 0 whatever MISTRAL_TEMPERATURE says (0.7 here).
    expect(sent?.body.temperature).toBe(0);
    expect(sent?.messages[0]?.content).toMatch(/1\. Stride Runner \[SHOE001\]; 2\. Stride Trail/);
    expect(sent?.messages[1]).toEqual({ role: 'user', content: 'añade dos de las segundas' });
  });

  it('drops values the shop cannot act on and keeps unknown product words as search words', async () => {
    fake.script(
      answer({
        intent: 'search',
        category: 'hoverboards',
        quantity: -3,
        points: 1e12,
        price_max: 0,
        size: 'huge',
      }),
    );
    const u = await modelUnderstander.understand('hoverboards');
    // A quantity is passed on as said, so the cart can refuse "-3" with a reason rather than add 1.
    expect(u.entities).toEqual({ quantity: -3, query: 'hoverboards' });
  });

  it('fails with LLM_BAD_RESPONSE when the answer is not the JSON asked for', async () => {
    fake.script({ content: 'Sure! The intent is browse.' });
    await expect(modelUnderstander.understand('show me shoes')).rejects.toMatchObject({
      code: 'LLM_BAD_RESPONSE',
    });
  });
});

describe('hybrid understanding', () => {
  const hybrid = (mode: 'hybrid' | 'llm' = 'hybrid') =>
    createHybridUnderstander({
      offline,
      model: modelUnderstander,
      settings: { mode, confidenceThreshold: 0.7, minCoverage: 0.6 },
    });

  it('answers offline when the offline NLU is sure, without a model call', async () => {
    const u = await hybrid().understand('show me running shoes under $100');
    expect(u.source).toBe('offline');
    expect(['browse', 'search']).toContain(u.intent);
    expect(fake.requests).toHaveLength(0);
  });

  // An offline reading that abstains (below the threshold), whatever the words: the model decides.
  const unsure = (confidence: number): Understander => ({
    name: 'offline',
    understand: async () => ({ intent: 'search', confidence, entities: {}, source: 'offline', coverage: 1 }),
  });
  const over = (understander: Understander) =>
    createHybridUnderstander({
      offline: understander,
      model: modelUnderstander,
      settings: { mode: 'hybrid', confidenceThreshold: 0.7, minCoverage: 0.6 },
    });

  it('asks the model what the offline understanding abstains on, and takes its answer', async () => {
    fake.script(answer({ intent: 'return_request' }));
    const u = await over(unsure(0.55)).understand('could I get a rebate on the kettle');
    expect(u).toMatchObject({ intent: 'return_request', source: 'mistral:mistral-small-latest' });
    expect(fake.requests).toHaveLength(1);
    // The model is told the same intents the offline understanding chooses from, as a closed list.
    expect(JSON.stringify(fake.requests[0])).toContain('return_request');
    expect(await over(unsure(0.75)).understand('could I get a rebate on the kettle')).toMatchObject({
      intent: 'search',
      source: 'offline',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it("refuses a model answer that names no intent of the shop's, keeping the offline one, degraded", async () => {
    fake.script(answer({ intent: 'issue_refund_now' }));
    const u = await over(unsure(0.55)).understand('could I get a rebate on the kettle');
    expect(u).toMatchObject({ intent: 'search', source: 'offline', degraded: true });
    expect(fake.requests).toHaveLength(1);
  });

  it('asks the model when the words are unknown or the conversation is in another language', async () => {
    fake.script(answer({ intent: 'browse', language: 'fr', category: 'shoes' }));
    expect(await hybrid().understand('je cherche des chaussures rouges')).toMatchObject({
      intent: 'browse',
      language: 'fr',
    });
    fake.script(answer({ intent: 'view_cart', language: 'fr' }));
    const next = await hybrid().understand('show me my cart', {
      shown: [],
      last_intent: null,
      language: 'fr',
    });
    expect(next.source).toBe('mistral:mistral-small-latest');
    expect(fake.requests).toHaveLength(2);
  });

  it('asks every time in llm mode', async () => {
    fake.script(answer({ intent: 'browse' }));
    expect((await hybrid('llm').understand('show me running shoes')).source).toBe(
      'mistral:mistral-small-latest',
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('falls back to the offline answer, flagged degraded, when the model fails', async () => {
    fake.script({ status: 503 });
    const u = await hybrid('llm').understand('show me my cart');
    expect(u).toMatchObject({ intent: 'view_cart', source: 'offline', degraded: true });
  });
});
