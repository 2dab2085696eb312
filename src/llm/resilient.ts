import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  type IRetryBackoffContext,
} from 'cockatiel';
import type { Logger } from '../logger.js';
import { LlmError, isLlmError, timedOut, type ProviderIdentity } from './errors.js';
import type { ChatCompletion, ChatModel, ChatRequest } from './port.js';

export interface ResiliencePolicy {
  /** Per attempt, from sending the request to the last token. */
  timeoutMs: number;
  /** Retries after the first attempt, for 408, 409, 429, 5xx, timeouts and connection errors. */
  maxRetries: number;
  /** First backoff; each retry doubles it, with full jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failed attempts that open the circuit. */
  breakerFailures: number;
  /** How long an open circuit refuses calls before one trial call is let through. */
  breakerCooldownMs: number;
}

export type CircuitStatus = 'closed' | 'open' | 'half_open';

export interface ResilientModel extends ChatModel {
  circuit(): CircuitStatus;
  /** The last failure's message, for the health endpoint; null after a success. */
  lastError(): string | null;
}

const circuitNames: Record<CircuitState, CircuitStatus> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'open',
};

/** Failures that say something about the service rather than about one request. */
const countsAgainstService = (error: unknown): boolean =>
  isLlmError(error) && !['LLM_BAD_REQUEST', 'LLM_BAD_RESPONSE', 'LLM_ABORTED'].includes(error.code);

/**
 * Wraps a model in retries (exponential backoff with full jitter, or the server's Retry-After), a
 * timeout per attempt and a circuit breaker, using cockatiel's policies.
 */
export function withResilience(
  model: ChatModel,
  who: ProviderIdentity,
  policy: ResiliencePolicy,
  logger?: Logger,
  random: () => number = Math.random,
): ResilientModel {
  let lastError: string | null = null;
  // A Retry-After longer than a whole attempt is not worth waiting for: the turn goes offline instead.
  const worthRetrying = (error: Error) =>
    isLlmError(error) && error.retryable && (error.retryAfterMs ?? 0) <= policy.timeoutMs;
  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => {
    const error = 'error' in context.result ? context.result.error : undefined;
    if (isLlmError(error) && error.retryAfterMs !== undefined) return error.retryAfterMs;
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (context.attempt - 1));
    return Math.round(random() * ceiling);
  });
  const retries = retry(handleWhen(worthRetrying), { maxAttempts: policy.maxRetries, backoff });
  const breaker = circuitBreaker(handleWhen(countsAgainstService), {
    halfOpenAfter: policy.breakerCooldownMs,
    breaker: new ConsecutiveBreaker(policy.breakerFailures),
  });
  const perAttempt = timeout(policy.timeoutMs, TimeoutStrategy.Aggressive);
  const attempt = <T>(work: (signal: AbortSignal) => Promise<T>) =>
    breaker.execute(async () => {
      try {
        return await perAttempt.execute(({ signal }) => work(signal));
      } catch (error) {
        throw error instanceof TaskCancelledError ? timedOut(who, policy.timeoutMs, error) : error;
      }
    });

  retries.onRetry((reason) => {
    const error = 'error' in reason ? reason.error : undefined;
    logger?.warn({ model: model.name, err: error, delay_ms: reason.delay }, 'model call failed; retrying');
  });
  breaker.onBreak(() => logger?.error({ model: model.name }, 'model circuit opened: answering offline'));
  breaker.onReset(() => logger?.info({ model: model.name }, 'model circuit closed'));

  async function call<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      const result = await retries.execute(() => attempt(work));
      lastError = null;
      return result;
    } catch (error) {
      const failure = asLlmError(error);
      // An open circuit is a consequence: the failure that opened it stays the one reported.
      if (failure.code !== 'LLM_CIRCUIT_OPEN') lastError = failure.message;
      throw failure;
    }
  }

  function asLlmError(error: unknown): LlmError {
    if (isLlmError(error)) return error;
    if (error instanceof BrokenCircuitError) {
      return new LlmError(
        'LLM_CIRCUIT_OPEN',
        `${who.provider} failed ${policy.breakerFailures} times in a row; calls resume after ${policy.breakerCooldownMs} ms`,
        false,
        { cause: error },
      );
    }
    return new LlmError('LLM_BAD_RESPONSE', (error as Error).message, false, { cause: error });
  }

  const withSignal = (request: ChatRequest, signal: AbortSignal): ChatRequest => ({
    ...request,
    signal: request.signal ? AbortSignal.any([request.signal, signal]) : signal,
  });

  return {
    name: model.name,
    circuit: () => circuitNames[breaker.state],
    lastError: () => lastError,

    verify: () => model.verify(),

    complete(request) {
      return call((signal) => model.complete(withSignal(request, signal)));
    },

    stream(request, onDelta) {
      return call(async (signal): Promise<ChatCompletion> => {
        let streamed = false;
        try {
          return await model.stream(withSignal(request, signal), (text) => {
            streamed = true;
            onDelta(text);
          });
        } catch (error) {
          if (request.signal?.aborted) {
            throw new LlmError('LLM_ABORTED', 'the caller stopped the call', false, { cause: error });
          }
          // Text already shown can't be taken back by a retry that starts over.
          if (streamed && isLlmError(error) && error.retryable) {
            throw new LlmError(error.code, error.message, false, { cause: error });
          }
          throw error;
        }
      });
    },
  };
}
