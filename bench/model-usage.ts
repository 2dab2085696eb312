import { createAppContext } from '../src/app/app-context.js';
import { loadConfig } from '../src/config.js';
import { playScenarios } from '../src/data/scenarios.js';
import { createLogger } from '../src/logger.js';
import { createOfflineNlu } from '../src/nlu/offline/offline-nlu.js';
import { INTENT_DEFINITIONS } from '../src/flows/registry.js';
import { createFakeMistral } from '../src/testing/fake-mistral.js';
import { createFakeModelBrain } from '../src/testing/fake-model-brain.js';

export interface ModelUsage {
  turns: number;
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
  understanding_calls: number;
  phrasing_calls: number;
  degraded: number;
}

/**
 * Plays every conversation scenario against the fake Mistral API in the given mode and counts
 * what reached the API: calls and prompt tokens as the API saw them.
 */
export async function measureModelUsage(
  mode: 'hybrid' | 'llm',
  model = 'mistral-small-latest',
): Promise<ModelUsage> {
  const fake = createFakeMistral({ apiKey: 'bench-key' });
  const config = loadConfig({
    SQLITE_PATH: ':memory:',
    LOG_LEVEL: 'silent',
    MISTRAL_API_KEY: 'bench-key',
    MISTRAL_MODEL: model,
    LLM_MODE: mode,
  });
  const ctx = await createAppContext(config, createLogger('silent'), {
    seedIfEmpty: true,
    modelFetch: fake.fetch,
  });
  fake.setBrain(createFakeModelBrain(await createOfflineNlu({ intents: INTENT_DEFINITIONS })));
  const usage: ModelUsage = {
    turns: 0,
    calls: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    cost_usd: 0,
    understanding_calls: 0,
    phrasing_calls: 0,
    degraded: 0,
  };
  try {
    await playScenarios(ctx.engine, (_message, result) => {
      usage.turns += 1;
      usage.cost_usd += result.usage.cost_usd;
      usage.completion_tokens += result.usage.completion_tokens;
      if (result.degraded) usage.degraded += 1;
    });
    usage.calls = fake.requests.length;
    usage.prompt_tokens = fake.requests.reduce((n, r) => n + r.prompt_tokens, 0);
    usage.understanding_calls = fake.requests.filter((r) => r.schema).length;
    usage.phrasing_calls = usage.calls - usage.understanding_calls;
    return usage;
  } finally {
    await ctx.close();
  }
}
