import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { pricesFor, type TokenPrices } from './cost.js';
import { identityFor } from './errors.js';
import type { ProviderSettings } from './provider-settings.js';
import { withResilience, type ResilientModel } from './resilient.js';

/** A configured model with its prices: what understanding and phrasing are given. */
export interface LanguageModel {
  model: ResilientModel;
  prices: TokenPrices;
  provider: string;
}

/**
 * Each provider's settings from its own variables. The OpenAI-compatible server's LLM_MODEL,
 * LLM_TEMPERATURE and LLM_MAX_TOKENS fall back to the MISTRAL_* ones, which configured both providers
 * before and still do for a local server that has none of its own.
 */
export function providerSettings(
  config: Config,
  provider: 'mistral' | 'openai-compatible',
): ProviderSettings {
  const common = {
    baseURL: config.LLM_BASE_URL,
    structuredOutput: config.LLM_STRUCTURED_OUTPUT,
  };
  return provider === 'mistral'
    ? {
        ...common,
        model: config.MISTRAL_MODEL,
        apiKey: config.MISTRAL_API_KEY,
        temperature: config.MISTRAL_TEMPERATURE,
        maxTokens: config.MISTRAL_MAX_TOKENS,
      }
    : {
        ...common,
        model: config.LLM_MODEL ?? config.MISTRAL_MODEL,
        // The configuration is the environment already read: no second look at process.env.
        apiKey: config.LLM_API_KEY ?? '',
        temperature: config.LLM_TEMPERATURE ?? config.MISTRAL_TEMPERATURE,
        maxTokens: config.LLM_MAX_TOKENS ?? config.MISTRAL_MAX_TOKENS,
      };
}

/**
 * Builds the configured provider behind retries, a timeout and a circuit breaker; null when offline.
 * `fetch` replaces the provider's HTTP client (tests and the bench fake the network with it).
 */
export async function createLanguageModel(
  config: Config,
  logger?: Logger,
  http: { fetch?: typeof globalThis.fetch | undefined } = {},
): Promise<LanguageModel | null> {
  const { provider } = config.llm;
  if (provider === 'offline' || config.llm.mode === 'offline') return null;
  const settings: ProviderSettings = { ...providerSettings(config, provider), fetch: http.fetch };
  const who = identityFor(provider, settings.model, config.LLM_BASE_URL);
  // A provider's SDK loads only when that provider is configured: an offline shop starts without them.
  const base =
    provider === 'mistral'
      ? (await import('./mistral.js')).createMistral(settings)
      : (await import('./openai-compatible.js')).createOpenAICompatible(settings);
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
