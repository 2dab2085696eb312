import { LlmError } from './errors.js';

/**
 * What a provider factory takes. Every setting can be injected - down to the HTTP client - so tests fake
 * the network with `fetch` and a script can build a model without the service's configuration.
 */
export interface ProviderSettings {
  /** The model id, e.g. mistral-small-latest. */
  model: string;
  /** The API key; when absent, the provider's variable in `env` (MISTRAL_API_KEY, LLM_API_KEY). */
  apiKey?: string | undefined;
  /** The API origin without /v1 (Mistral) or the base URL with /v1 (OpenAI-compatible). */
  baseURL?: string | undefined;
  /** Sampling temperature of calls that do not set their own; the provider's default when absent. */
  temperature?: number | undefined;
  /** Most tokens of an answer, for calls that do not set their own; the provider's default when absent. */
  maxTokens?: number | undefined;
  /** How JSON answers are asked for: a JSON-schema response format (the default), or one forced tool call. */
  structuredOutput?: 'json_schema' | 'tool_call' | undefined;
  /** The HTTP client; the global fetch when absent. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Where a missing key is looked up; the process environment when absent. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * The key from the option first, then from the environment. The service passes its validated
 * configuration as the option; the environment is for a factory used on its own (a script, a notebook).
 */
export function apiKeyOf(
  settings: Pick<ProviderSettings, 'apiKey' | 'env'>,
  variable: string,
  provider: string,
): string {
  const key = settings.apiKey ?? (settings.env ?? process.env)[variable];
  if (key) return key;
  throw new LlmError(
    'LLM_UNAUTHORIZED',
    `${provider} API key is missing: pass the apiKey option or set ${variable}`,
    false,
  );
}
