import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeMistral } from '../testing/fake-mistral.js';
import { identityFor, isLlmError } from './errors.js';
import { createMistral } from './mistral.js';
import { withResilience, type ResiliencePolicy } from './resilient.js';

const fake = createFakeMistral({ apiKey: 'k' });
// A test that fails must not leave its scripted answers to the next one.
beforeEach(() => fake.reset());
afterEach(() => vi.useRealTimers());

/**
 * Margins that hold on a loaded machine: a quick answer from the local fake never takes anywhere near the
 * attempt timeout, and a slow one takes far longer than it.
 */
const TIMEOUT_MS = 2000;
const SLOW = { content: 'slow', delay_ms: 20_000 } as const;

const policy: ResiliencePolicy = {
  timeoutMs: TIMEOUT_MS,
  maxRetries: 2,
  baseDelayMs: 5,
  maxDelayMs: 20,
  breakerFailures: 3,
  breakerCooldownMs: 30_000,
};

function model(overrides: Partial<ResiliencePolicy> = {}) {
  const base = createMistral({
    model: 'mistral-small-latest',
    apiKey: 'k',
    fetch: fake.fetch,
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
    const started = performance.now();
    expect((await model().complete(ask)).text).toBe('after the wait');
    // A lower bound only: a busy machine makes it longer, never shorter.
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('does not wait out a Retry-After longer than a whole attempt', async () => {
    fake.script({ status: 429, retry_after: '60' });
    expect(await codeOf(model().complete(ask))).toBe('LLM_RATE_LIMITED');
    expect(fake.requests).toHaveLength(1);
  });

  it('times out a slow answer and retries it', async () => {
    fake.script(SLOW, { content: 'quick' });
    expect((await model().complete(ask)).text).toBe('quick');
    expect(fake.requests).toHaveLength(2);
    fake.script(SLOW);
    expect(await codeOf(model({ maxRetries: 0 }).complete(ask))).toBe('LLM_TIMEOUT');
  });

  // The breaker's cooldown is read from Date: moving a fake Date past it (timers stay real) tests the
  // cooldown without sleeping, and a slow machine cannot end it early.
  it('opens after consecutive failures, refuses calls without sending them, then closes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const m = model({ maxRetries: 0 });
    fake.script({ status: 503 }, { status: 503 }, { status: 503 });
    for (let i = 0; i < 3; i++) expect(await codeOf(m.complete(ask))).toBe('LLM_UNAVAILABLE');
    expect(m.circuit()).toBe('open');
    expect(await codeOf(m.complete(ask))).toBe('LLM_CIRCUIT_OPEN');
    expect(fake.requests).toHaveLength(3);
    expect(m.lastError()).toMatch(/unavailable \(HTTP 503\)/);

    vi.setSystemTime(Date.now() + policy.breakerCooldownMs + 1);
    expect((await m.complete(ask)).text).toBe('echo: hi');
    expect(m.circuit()).toBe('closed');
    expect(m.lastError()).toBeNull();
  });

  it('reopens when the trial call after the cooldown fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const m = model({ maxRetries: 0, breakerFailures: 1 });
    fake.script({ status: 503 });
    await codeOf(m.complete(ask));
    expect(m.circuit()).toBe('open');
    expect(await codeOf(m.complete(ask))).toBe('LLM_CIRCUIT_OPEN');
    vi.setSystemTime(Date.now() + policy.breakerCooldownMs + 1);
    fake.script({ status: 503 });
    expect(await codeOf(m.complete(ask))).toBe('LLM_UNAVAILABLE');
    expect(m.circuit()).toBe('open');
  });
});
