import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMistral, type FakeMistral } from '../testing/fake-mistral.js';
import { identityFor, isLlmError } from './errors.js';
import { createMistralModel } from './mistral.js';
import { withResilience, type ResiliencePolicy } from './resilient.js';

let fake: FakeMistral;
beforeAll(async () => {
  fake = await startFakeMistral({ apiKey: 'k' });
});
afterAll(() => fake.close());
beforeEach(() => void fake.requests.splice(0));

const policy: ResiliencePolicy = {
  timeoutMs: 300,
  maxRetries: 2,
  baseDelayMs: 5,
  maxDelayMs: 20,
  breakerFailures: 3,
  breakerCooldownMs: 200,
};

function model(overrides: Partial<ResiliencePolicy> = {}) {
  const base = createMistralModel({
    model: 'mistral-small-latest',
    apiKey: 'k',
    baseURL: fake.url,
    temperature: 0.2,
    maxTokens: 100,
    structuredOutput: 'json_schema',
  });
  return withResilience(base, identityFor('mistral', 'mistral-small-latest'), { ...policy, ...overrides });
}

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: unknown) => (isLlmError(e) ? e.code : String(e)),
  );

describe('retries, timeouts and the circuit breaker', () => {
  it('retries 503, 500 and 429 then succeeds', async () => {
    fake.script({ status: 503 }, { status: 429 }, { content: 'finally' });
    expect((await model().complete(ask)).text).toBe('finally');
    expect(fake.requests).toHaveLength(3);
  });

  it('gives up after the configured retries with the last failure', async () => {
    fake.script({ status: 503 }, { status: 500 }, { status: 503 });
    expect(await codeOf(model().complete(ask))).toBe('LLM_UNAVAILABLE');
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry 401 or 422', async () => {
    fake.script({ status: 401 });
    expect(await codeOf(model().complete(ask))).toBe('LLM_UNAUTHORIZED');
    fake.script({ status: 422 });
    expect(await codeOf(model().complete(ask))).toBe('LLM_BAD_REQUEST');
    expect(fake.requests).toHaveLength(2);
  });

  it('waits as long as Retry-After says, not the (much shorter) backoff', async () => {
    fake.script({ status: 429, retry_after: '1' }, { content: 'after the wait' });
    const started = Date.now();
    expect((await model({ timeoutMs: 2000 }).complete(ask)).text).toBe('after the wait');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('does not wait out a Retry-After longer than a whole attempt', async () => {
    fake.script({ status: 429, retry_after: '60' });
    expect(await codeOf(model().complete(ask))).toBe('LLM_RATE_LIMITED');
    expect(fake.requests).toHaveLength(1);
  });

  it('times out a slow answer and retries it', async () => {
    fake.script({ content: 'slow', delay_ms: 1000 }, { content: 'quick' });
    expect((await model().complete(ask)).text).toBe('quick');
    fake.script({ content: 'slow', delay_ms: 1000 }, { content: 'slow', delay_ms: 1000 });
    expect(await codeOf(model({ maxRetries: 1 }).complete(ask))).toBe('LLM_TIMEOUT');
  });

  it('opens after consecutive failures, refuses calls without sending them, then closes', async () => {
    const m = model({ maxRetries: 0 });
    fake.script({ status: 503 }, { status: 503 }, { status: 503 });
    for (let i = 0; i < 3; i++) expect(await codeOf(m.complete(ask))).toBe('LLM_UNAVAILABLE');
    expect(m.circuit()).toBe('open');
    expect(await codeOf(m.complete(ask))).toBe('LLM_CIRCUIT_OPEN');
    expect(fake.requests).toHaveLength(3);
    expect(m.lastError()).toMatch(/unavailable \(HTTP 503\)/);

    await new Promise((r) => setTimeout(r, 250));
    expect((await m.complete(ask)).text).toBe('echo: hi');
    expect(m.circuit()).toBe('closed');
    expect(m.lastError()).toBeNull();
  });

  it('reopens when the trial call after the cooldown fails', async () => {
    const m = model({ maxRetries: 0, breakerFailures: 1 });
    fake.script({ status: 503 });
    await codeOf(m.complete(ask));
    expect(m.circuit()).toBe('open');
    await new Promise((r) => setTimeout(r, 250));
    fake.script({ status: 503 });
    expect(await codeOf(m.complete(ask))).toBe('LLM_UNAVAILABLE');
    expect(m.circuit()).toBe('open');
  });
});
