import { badResponse, modelNotServed, type LlmError, type ProviderIdentity } from './errors.js';
import type { ChatCompletion, ChatModel, ChatRequest, StructuredOutput, TokenUsage } from './port.js';

/** One answer as a provider's SDK gave it, before it is checked. */
export interface ProviderAnswer {
  /** The message content: a string, or a list of parts of which the text ones count. */
  content: unknown;
  /** The first tool call's arguments, when the model answered with one. */
  toolArguments?: unknown;
  usage: TokenUsage;
  finishReason: string;
}

/** One chunk of a streamed answer. */
export interface ProviderChunk {
  content?: unknown;
  finishReason?: string | null | undefined;
  /** Present on the chunk that carries the whole answer's usage (the last). */
  usage?: TokenUsage | undefined;
}

/** What a provider adapter does with its SDK; `createChatModel` turns it into the port. */
export interface ProviderCalls {
  listModels(): Promise<string[]>;
  complete(request: ChatRequest): Promise<ProviderAnswer>;
  stream(request: ChatRequest): Promise<AsyncIterable<ProviderChunk>>;
  /** Maps whatever the SDK threw to an LlmError (retryable or not, naming what to fix). */
  failure(error: unknown): LlmError;
}

/** The port over a provider's calls: one way to read answers, stream text and check the model is served. */
export function createChatModel(name: string, who: ProviderIdentity, calls: ProviderCalls): ChatModel {
  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw calls.failure(error);
    }
  }

  return {
    name,

    async verify() {
      const served = await guarded(() => calls.listModels());
      if (!served.includes(who.model)) throw modelNotServed(who, served);
    },

    complete: (request) =>
      guarded(async () => {
        const answer = await calls.complete(request);
        return {
          text: answerText(who, answer),
          usage: answer.usage,
          finish_reason: answer.finishReason,
        };
      }),

    stream: (request, onDelta) =>
      guarded(async () => {
        const completion: ChatCompletion = {
          text: '',
          usage: { prompt_tokens: 0, completion_tokens: 0 },
          finish_reason: 'unknown',
        };
        for await (const chunk of await calls.stream(request)) {
          const delta = textOf(chunk.content);
          if (delta) {
            completion.text += delta;
            onDelta(delta);
          }
          if (chunk.finishReason) completion.finish_reason = chunk.finishReason;
          if (chunk.usage) completion.usage = chunk.usage;
        }
        return completion;
      }),
  };
}

/** A structured answer asked for as one function the model must call (the same shape in both APIs). */
export const structuredTool = (structured: StructuredOutput) => ({
  type: 'function' as const,
  function: {
    name: structured.name,
    description: structured.description,
    parameters: structured.schema,
  },
});

/** The call's own temperature and token limit, else the configured ones; left out when neither is set. */
export function generation(
  settings: { temperature?: number | undefined; maxTokens?: number | undefined },
  request: ChatRequest,
): { temperature?: number; maxTokens?: number } {
  const temperature = request.temperature ?? settings.temperature;
  const maxTokens = request.max_tokens ?? settings.maxTokens;
  return {
    ...(temperature === undefined ? {} : { temperature }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
  };
}

/** Passes the caller's abort signal (timeouts, abandoned streams) to the SDK. */
export const callOptions = (request: ChatRequest) => (request.signal ? { signal: request.signal } : {});

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((c: { type?: string; text?: string }) => (c.type === 'text' ? (c.text ?? '') : ''))
      .join('');
  }
  return '';
}

/** A forced tool call's arguments, else the message text; an answer with neither is unusable. */
function answerText(who: ProviderIdentity, answer: ProviderAnswer): string {
  const args = answer.toolArguments;
  const text =
    args === undefined || args === null
      ? textOf(answer.content)
      : typeof args === 'string'
        ? args
        : JSON.stringify(args);
  if (!text) throw badResponse(who, 'empty message');
  return text;
}
