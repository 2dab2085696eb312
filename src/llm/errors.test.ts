import { describe, expect, it } from 'vitest';
import { httpFailure, identityFor } from './errors.js';

const who = identityFor('mistral', 'mistral-small-latest');

describe('an HTTP error answer', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('%i is worth retrying', (status) => {
    expect(httpFailure(who, status, '').retryable).toBe(true);
  });

  it.each([400, 401, 403, 404, 422])('%i is final', (status) => {
    expect(httpFailure(who, status, '').retryable).toBe(false);
  });

  it('names the variable to fix for a bad key or an unknown model, per provider', () => {
    expect(httpFailure(who, 401, '').message).toMatch(/MISTRAL_API_KEY/);
    expect(httpFailure(who, 404, '').message).toMatch(/MISTRAL_MODEL/);
    const local = identityFor('openai-compatible', 'mistral', 'http://127.0.0.1:11434/v1');
    expect(httpFailure(local, 401, '').message).toMatch(/LLM_API_KEY/);
    expect(httpFailure(local, 404, '').message).toMatch(/LLM_MODEL/);
  });
});
