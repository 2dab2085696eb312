import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { pricesFor, type TokenPrices } from './cost.js';
import { identityFor } from './errors.js';
import type { ModelSettings } from './mistral.js';
import { withResilience, type ResilientModel } from './resilient.js';

/** A configured model with its prices: what understanding and phrasing are given. */
export interface LanguageModel {
  model: ResilientModel;
  prices: TokenPrices;
  provider: string;
}

/** Builds the configured provider behind retries, a timeout and a circuit breaker; null when offline. */
export async function createLanguageModel(config: Config, logger?: Logger): Promise<LanguageModel | null> {
  const { provider } = config.llm;
  if (provider === 'offline' || config.llm.mode === 'offline') return null;
  const settings: ModelSettings = {
    model: config.MISTRAL_MODEL,
    apiKey: (provider === 'mistral' ? config.MISTRAL_API_KEY : config.LLM_API_KEY) ?? '',
    baseURL: config.LLM_BASE_URL,
    temperature: config.MISTRAL_TEMPERATURE,
    maxTokens: config.MISTRAL_MAX_TOKENS,
    structuredOutput: config.LLM_STRUCTURED_OUTPUT,
  };
  const who = identityFor(provider, settings.model, config.LLM_BASE_URL);
  // A provider's SDK loads only when that provider is configured: an offline shop starts without them.
  const base =
    provider === 'mistral'
      ? (await import('./mistral.js')).createMistralModel(settings)
      : (await import('./openai-compatible.js')).createOpenAICompatibleModel(settings);
  const model = withResilience(
    base,
    who,
    {
      timeoutMs: config.LLM_TIMEOUT_MS,
      maxRetries: config.LLM_MAX_RETRIES,
      baseDelayMs: 250,
      maxDelayMs: 4000,
      breakerFailures: config.LLM_BREAKER_FAILURES,
      breakerCooldownMs: config.LLM_BREAKER_COOLDOWN_MS,
    },
    logger,
  );
  return {
    model,
    provider,
    prices: pricesFor(provider, settings.model, {
      input: config.LLM_PRICE_INPUT_PER_M,
      output: config.LLM_PRICE_OUTPUT_PER_M,
    }),
  };
}
