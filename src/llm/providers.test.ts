import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeMistral } from '../testing/fake-mistral.js';
import { isLlmError, type LlmError } from './errors.js';
import { createMistral } from './mistral.js';
import { createOpenAICompatible } from './openai-compatible.js';
import type { ChatModel } from './port.js';
import type { ProviderSettings } from './provider-settings.js';

const fake = createFakeMistral({ apiKey: 'test-key' });
const settings: ProviderSettings = {
  model: 'mistral-small-latest',
  apiKey: 'test-key',
  temperature: 0.3,
  maxTokens: 300,
  structuredOutput: 'json_schema',
  fetch: fake.fetch,
};
// A test that fails must not leave its scripted answers to the next one.
beforeEach(() => fake.reset());

const failure = async (promise: Promise<unknown>): Promise<LlmError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isLlmError(error)) throw new Error(`expected an LlmError, got ${String(error)}`);
  return error;
};

const providers: [string, () => ChatModel][] = [
  ['Mistral SDK', () => createMistral(settings)],
  ['OpenAI-compatible', () => createOpenAICompatible({ ...settings, baseURL: `${fake.url}/v1` })],
];

describe.each(providers)('%s provider against the fake API', (_name, make) => {
  it('completes with usage, sending model, temperature and max tokens', async () => {
    fake.script({ content: 'Bonjour!' });
    const completion = await make().complete({ messages: [{ role: 'user', content: 'salut' }] });
    expect(completion).toMatchObject({ text: 'Bonjour!', finish_reason: 'stop' });
    expect(completion.usage.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage.completion_tokens).toBe(2);
    expect(fake.requests[0]?.body).toMatchObject({ model: 'mistral-small-latest', temperature: 0.3 });
    expect(fake.requests[0]?.body.max_tokens).toBe(300);
  });

  it('streams deltas in order and takes usage from the final chunk', async () => {
    fake.script({ content: 'one two three four' });
    const deltas: string[] = [];
    const completion = await make().stream({ messages: [{ role: 'user', content: 'count' }] }, (d) =>
      deltas.push(d),
    );
    expect(deltas.length).toBe(4);
    expect(deltas.join('')).toBe('one two three four');
    expect(completion.usage.completion_tokens).toBe(Math.ceil('one two three four'.length / 4));
    expect(completion.finish_reason).toBe('stop');
  });

  it('asks for JSON by schema, strictly, at the temperature the call asks for', async () => {
    fake.script({ content: '{"a":1}' });
    const structured = { name: 'thing', description: 'a thing', schema: { type: 'object' } };
    const completion = await make().complete({
      messages: [{ role: 'user', content: 'x' }],
      structured,
      temperature: 0,
    });
    expect(completion.text).toBe('{"a":1}');
    expect(fake.requests[0]?.body).toMatchObject({
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { name: 'thing', strict: true } },
    });
    expect(fake.requests[0]?.schema).toEqual({ type: 'object' });
  });

  it('reads a structured answer from a forced tool call', async () => {
    const model =
      _name === 'Mistral SDK'
        ? createMistral({ ...settings, structuredOutput: 'tool_call' })
        : createOpenAICompatible({
            ...settings,
            baseURL: `${fake.url}/v1`,
            structuredOutput: 'tool_call',
          });
    fake.script({ tool_call: { name: 'thing', arguments: '{"b":2}' } });
    const structured = { name: 'thing', description: 'a thing', schema: { type: 'object' } };
    const completion = await model.complete({ messages: [{ role: 'user', content: 'x' }], structured });
    expect(completion.text).toBe('{"b":2}');
    expect(completion.finish_reason).toBe('tool_calls');
    expect(fake.requests[0]?.body.tools).toHaveLength(1);
  });

  it('classifies error answers: 401 and 422 are final, 429 and 503 retryable with Retry-After', async () => {
    const model = make();
    const ask = () => model.complete({ messages: [{ role: 'user', content: 'x' }] });
    fake.script({ status: 422 });
    expect(await failure(ask())).toMatchObject({ code: 'LLM_BAD_REQUEST', retryable: false });
    fake.script({ status: 429, retry_after: '3' });
    expect(await failure(ask())).toMatchObject({
      code: 'LLM_RATE_LIMITED',
      retryable: true,
      retryAfterMs: 3000,
    });
    fake.script({ status: 429 });
    expect(await failure(ask())).toMatchObject({ code: 'LLM_RATE_LIMITED', retryAfterMs: undefined });
    fake.script({ status: 503 });
    expect(await failure(ask())).toMatchObject({ code: 'LLM_UNAVAILABLE', retryable: true });
  });

  it('names the setting to fix for a bad key or an unknown model', async () => {
    const badKey =
      _name === 'Mistral SDK'
        ? createMistral({ ...settings, apiKey: 'wrong' })
        : createOpenAICompatible({ ...settings, apiKey: 'wrong', baseURL: `${fake.url}/v1` });
    const e401 = await failure(badKey.complete({ messages: [{ role: 'user', content: 'x' }] }));
    expect(e401).toMatchObject({ code: 'LLM_UNAUTHORIZED', retryable: false });
    expect(e401.message).toMatch(_name === 'Mistral SDK' ? /MISTRAL_API_KEY/ : /LLM_API_KEY/);
    expect((await failure(badKey.verify())).code).toBe('LLM_UNAUTHORIZED');

    const unknown =
      _name === 'Mistral SDK'
        ? createMistral({ ...settings, model: 'mistral-huge' })
        : createOpenAICompatible({ ...settings, model: 'mistral-huge', baseURL: `${fake.url}/v1` });
    const e400 = await failure(unknown.complete({ messages: [{ role: 'user', content: 'x' }] }));
    expect(e400.retryable).toBe(false);
    // Mistral's 400 body names the model; the OpenAI SDK reads only OpenAI-shaped error bodies.
    if (_name === 'Mistral SDK') {
      expect(e400.code).toBe('LLM_MODEL_UNKNOWN');
      expect(e400.message).toMatch(/"mistral-huge".*MISTRAL_MODEL/);
    }
    const check = await failure(unknown.verify());
    expect(check.message).toMatch(/mistral-huge.*served: mistral-large-latest/);
    await expect(make().verify()).resolves.toBeUndefined();
  });

  it('reports a server that is not there as unreachable and retryable', async () => {
    const gone =
      _name === 'Mistral SDK'
        ? createMistral({ ...settings, fetch: undefined, baseURL: 'http://127.0.0.1:9' })
        : createOpenAICompatible({ ...settings, fetch: undefined, baseURL: 'http://127.0.0.1:9/v1' });
    expect(await failure(gone.complete({ messages: [{ role: 'user', content: 'x' }] }))).toMatchObject({
      code: 'LLM_UNREACHABLE',
      retryable: true,
    });
  });
});

describe('provider settings', () => {
  const ask = { messages: [{ role: 'user' as const, content: 'x' }] };

  it('takes the key from the option first, then the environment, and names both when it has neither', async () => {
    const { apiKey: _key, ...keyless } = settings;
    await expect(
      createMistral({ ...keyless, env: { MISTRAL_API_KEY: 'test-key' } }).complete(ask),
    ).resolves.toMatchObject({ text: 'echo: x' });
    // The option wins over the environment.
    await expect(
      createMistral({ ...settings, env: { MISTRAL_API_KEY: 'wrong' } }).complete(ask),
    ).resolves.toMatchObject({ text: 'echo: x' });
    expect(() => createMistral({ ...keyless, env: {} })).toThrow(/apiKey option or set MISTRAL_API_KEY/);

    const local = { ...keyless, baseURL: `${fake.url}/v1` };
    await expect(
      createOpenAICompatible({ ...local, env: { LLM_API_KEY: 'test-key' } }).complete(ask),
    ).resolves.toMatchObject({ text: 'echo: x' });
    // A local server usually takes any key, so none is not an error; this one wants its key.
    expect((await failure(createOpenAICompatible({ ...local, env: {} }).complete(ask))).message).toMatch(
      /LLM_API_KEY/,
    );
  });

  it.each([
    ['Mistral', (s: ProviderSettings) => createMistral(s)],
    [
      'OpenAI-compatible',
      (s: ProviderSettings) => createOpenAICompatible({ ...s, baseURL: `${fake.url}/v1` }),
    ],
  ])('%s: leaves temperature and token limit to the provider when neither is set', async (_name, make) => {
    const { temperature: _t, maxTokens: _m, ...bare } = settings;
    await make(bare).complete(ask);
    expect(fake.requests[0]?.body).not.toHaveProperty('temperature');
    expect(fake.requests[0]?.body).not.toHaveProperty('max_tokens');
  });
});
