import { AppError } from '../errors.js';

/** Why a model call failed, in terms the caller can act on. */
export type LlmFailure =
  | 'LLM_UNAUTHORIZED'
  | 'LLM_MODEL_UNKNOWN'
  | 'LLM_BAD_REQUEST'
  | 'LLM_RATE_LIMITED'
  | 'LLM_UNAVAILABLE'
  | 'LLM_UNREACHABLE'
  | 'LLM_TIMEOUT'
  | 'LLM_BAD_RESPONSE'
  | 'LLM_CIRCUIT_OPEN'
  | 'LLM_ABORTED';

export class LlmError extends AppError {
  declare readonly code: LlmFailure;
  constructor(
    code: LlmFailure,
    message: string,
    readonly retryable: boolean,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(code, message, {
      category: 'third_party',
      details: { status: options.status ?? null, retryable },
      cause: options.cause,
    });
    this.name = 'LlmError';
    this.retryAfterMs = options.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}

export const isLlmError = (error: unknown): error is LlmError => error instanceof LlmError;

/** Who was called, so messages can name the setting to fix. */
export interface ProviderIdentity {
  provider: string;
  model: string;
  /** The variable that holds the key, e.g. MISTRAL_API_KEY. */
  keyVariable: string;
  /** The variable that names the model, e.g. MISTRAL_MODEL. */
  modelVariable: string;
}

export function identityFor(
  provider: 'mistral' | 'openai-compatible',
  model: string,
  baseURL?: string,
): ProviderIdentity {
  return provider === 'mistral'
    ? { provider: 'Mistral', model, keyVariable: 'MISTRAL_API_KEY', modelVariable: 'MISTRAL_MODEL' }
    : {
        provider: `the model server at ${baseURL ?? '(no LLM_BASE_URL)'}`,
        model,
        keyVariable: 'LLM_API_KEY',
        modelVariable: 'LLM_MODEL',
      };
}

/** Retry-After in seconds or as an HTTP date, or OpenAI's retry-after-ms; undefined when absent. */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  // The provider's own date against the real time, not the shop's clock: this is a wait, not a fact.
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Maps an HTTP error answer to an LlmError: 408, 409, 429 and 5xx are worth retrying, the rest are not. */
export function httpFailure(
  who: ProviderIdentity,
  status: number,
  body: string,
  headers?: { get(name: string): string | null },
  cause?: unknown,
): LlmError {
  const detail = body.slice(0, 300).replace(/\s+/g, ' ').trim();
  const options = { status, cause, retryAfterMs: retryAfterMs(headers) };
  if (status === 401 || status === 403) {
    return new LlmError(
      'LLM_UNAUTHORIZED',
      `${who.provider} rejected the API key (HTTP ${status}); check ${who.keyVariable}`,
      false,
      options,
    );
  }
  if (status === 404 || (status === 400 && /model/i.test(body))) {
    return new LlmError(
      'LLM_MODEL_UNKNOWN',
      `${who.provider} does not serve the model "${who.model}" (HTTP ${status}); check ${who.modelVariable}`,
      false,
      options,
    );
  }
  if (status === 429) {
    return new LlmError('LLM_RATE_LIMITED', `${who.provider} rate limit reached (HTTP 429)`, true, options);
  }
  if (status === 408 || status === 409 || status >= 500) {
    return new LlmError('LLM_UNAVAILABLE', `${who.provider} unavailable (HTTP ${status})`, true, options);
  }
  return new LlmError(
    'LLM_BAD_REQUEST',
    `${who.provider} refused the request (HTTP ${status}): ${detail}`,
    false,
    options,
  );
}

export const unreachable = (who: ProviderIdentity, cause: unknown): LlmError =>
  new LlmError(
    'LLM_UNREACHABLE',
    `${who.provider} could not be reached (${(cause as Error).message})`,
    true,
    { cause },
  );

export const timedOut = (who: ProviderIdentity, ms: number | undefined, cause?: unknown): LlmError =>
  new LlmError(
    'LLM_TIMEOUT',
    `${who.provider} did not answer ${ms === undefined ? 'in time' : `within ${ms} ms`}`,
    true,
    { cause },
  );

export const badResponse = (who: ProviderIdentity, problem: string, cause?: unknown): LlmError =>
  new LlmError('LLM_BAD_RESPONSE', `${who.provider} gave an unusable answer: ${problem}`, false, { cause });

/** The configured model is missing from the server's model list. */
export const modelNotServed = (who: ProviderIdentity, served: string[]): LlmError =>
  new LlmError(
    'LLM_MODEL_UNKNOWN',
    `${who.provider} does not serve the model "${who.model}"; check ${who.modelVariable} (served: ${served.slice(0, 8).join(', ') || 'none'})`,
    false,
  );
