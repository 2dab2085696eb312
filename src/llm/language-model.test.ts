import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createFakeMistral } from '../testing/fake-mistral.js';
import { createLanguageModel, providerSettings } from './language-model.js';

const local = { LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://127.0.0.1:11434/v1' };

describe('provider settings from the configuration', () => {
  it('gives each provider its own variables', () => {
    const config = loadConfig({
      ...local,
      MISTRAL_API_KEY: 'mistral-key',
      MISTRAL_MODEL: 'mistral-small-latest',
      MISTRAL_TEMPERATURE: '0.2',
      MISTRAL_MAX_TOKENS: '500',
      LLM_API_KEY: 'local-key',
      LLM_MODEL: 'mistral-nemo',
      LLM_TEMPERATURE: '0.9',
      LLM_MAX_TOKENS: '800',
    });
    expect(providerSettings(config, 'mistral')).toMatchObject({
      apiKey: 'mistral-key',
      model: 'mistral-small-latest',
      temperature: 0.2,
      maxTokens: 500,
    });
    expect(providerSettings(config, 'openai-compatible')).toMatchObject({
      apiKey: 'local-key',
      model: 'mistral-nemo',
      temperature: 0.9,
      maxTokens: 800,
      baseURL: 'http://127.0.0.1:11434/v1',
    });
  });

  it('lets a local server keep the MISTRAL_* names it was configured with before', () => {
    const config = loadConfig({
      ...local,
      MISTRAL_MODEL: 'mistral',
      MISTRAL_TEMPERATURE: '0.1',
      MISTRAL_MAX_TOKENS: '256',
    });
    expect(providerSettings(config, 'openai-compatible')).toMatchObject({
      model: 'mistral',
      temperature: 0.1,
      maxTokens: 256,
    });
  });

  it('builds the configured provider over the HTTP client it is given', async () => {
    const fake = createFakeMistral({ apiKey: 'k' });
    const lm = await createLanguageModel(
      loadConfig({ MISTRAL_API_KEY: 'k', MISTRAL_MODEL: 'mistral-small-latest' }),
      undefined,
      { fetch: fake.fetch },
    );
    expect(lm?.model.name).toBe('mistral:mistral-small-latest');
    expect((await lm!.model.complete({ messages: [{ role: 'user', content: 'hi' }] })).text).toBe('echo: hi');
    expect(await createLanguageModel(loadConfig({}))).toBeNull();
  });
});
