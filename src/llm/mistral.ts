import { Mistral } from '@mistralai/mistralai';
import type { ChatCompletionStreamRequest, ToolCall } from '@mistralai/mistralai/models/components';
import {
  ConnectionError,
  MistralError,
  RequestAbortedError,
  RequestTimeoutError,
} from '@mistralai/mistralai/models/errors';
import {
  badResponse,
  httpFailure,
  identityFor,
  isLlmError,
  modelNotServed,
  timedOut,
  unreachable,
  type LlmError,
  type ProviderIdentity,
} from './errors.js';
import type { ChatCompletion, ChatModel, ChatRequest } from './port.js';

export interface ModelSettings {
  model: string;
  apiKey: string;
  /** The API origin without /v1 (Mistral) or the base URL with /v1 (OpenAI-compatible). */
  baseURL?: string | undefined;
  temperature: number;
  maxTokens: number;
  /** How JSON answers are asked for: a JSON-schema response format, or one forced tool call. */
  structuredOutput: 'json_schema' | 'tool_call';
}

/** Mistral's chat completions through the official SDK; retries belong to the resilience layer. */
export function createMistralModel(settings: ModelSettings): ChatModel {
  const who = identityFor('mistral', settings.model);
  const client = new Mistral({
    apiKey: settings.apiKey,
    ...(settings.baseURL ? { serverURL: settings.baseURL } : {}),
    retryConfig: { strategy: 'none' },
  });

  function body(request: ChatRequest): ChatCompletionStreamRequest {
    const structured = request.structured;
    return {
      model: settings.model,
      messages: request.messages,
      temperature: request.temperature ?? settings.temperature,
      maxTokens: request.max_tokens ?? settings.maxTokens,
      ...(structured && settings.structuredOutput === 'json_schema'
        ? {
            responseFormat: {
              type: 'json_schema',
              jsonSchema: {
                name: structured.name,
                description: structured.description,
                schemaDefinition: structured.schema,
                strict: true,
              },
            },
          }
        : {}),
      ...(structured && settings.structuredOutput === 'tool_call'
        ? {
            tools: [
              {
                type: 'function',
                function: {
                  name: structured.name,
                  description: structured.description,
                  parameters: structured.schema,
                },
              },
            ],
            toolChoice: 'any',
          }
        : {}),
    };
  }

  return {
    name: `mistral:${settings.model}`,

    async verify() {
      let served: string[];
      try {
        served = ((await client.models.list()).data ?? []).flatMap((m) =>
          'id' in m && typeof m.id === 'string' ? [m.id] : [],
        );
      } catch (error) {
        throw failure(who, error);
      }
      if (!served.includes(settings.model)) throw modelNotServed(who, served);
    },

    async complete(request) {
      try {
        const response = await client.chat.complete(body(request), options(request));
        const choice = response.choices[0];
        if (!choice?.message) throw badResponse(who, 'no choices');
        return {
          text: answerText(who, choice.message.content, choice.message.toolCalls),
          usage: {
            prompt_tokens: response.usage.promptTokens ?? 0,
            completion_tokens: response.usage.completionTokens ?? 0,
          },
          finish_reason: String(choice.finishReason),
        };
      } catch (error) {
        throw failure(who, error);
      }
    },

    async stream(request, onDelta) {
      try {
        const events = await client.chat.stream(body(request), options(request));
        const completion: ChatCompletion = {
          text: '',
          usage: { prompt_tokens: 0, completion_tokens: 0 },
          finish_reason: 'unknown',
        };
        for await (const { data } of events) {
          const choice = data.choices[0];
          const delta = choice ? textOf(choice.delta.content) : '';
          if (delta) {
            completion.text += delta;
            onDelta(delta);
          }
          if (choice?.finishReason) completion.finish_reason = String(choice.finishReason);
          if (data.usage) {
            completion.usage = {
              prompt_tokens: data.usage.promptTokens ?? 0,
              completion_tokens: data.usage.completionTokens ?? 0,
            };
          }
        }
        return completion;
      } catch (error) {
        throw failure(who, error);
      }
    },
  };
}

const options = (request: ChatRequest) => (request.signal ? { signal: request.signal } : {});

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((c: { type?: string; text?: string }) => (c.type === 'text' ? (c.text ?? '') : ''))
      .join('');
  }
  return '';
}

function answerText(
  who: ProviderIdentity,
  content: unknown,
  toolCalls: ToolCall[] | null | undefined,
): string {
  const call = toolCalls?.[0];
  if (call) {
    const args = call.function.arguments;
    return typeof args === 'string' ? args : JSON.stringify(args);
  }
  const text = textOf(content);
  if (!text) throw badResponse(who, 'empty message');
  return text;
}

function failure(who: ProviderIdentity, error: unknown): LlmError {
  if (isLlmError(error)) return error;
  if (error instanceof MistralError) {
    return httpFailure(who, error.statusCode, error.body, error.headers, error);
  }
  if (error instanceof RequestTimeoutError || error instanceof RequestAbortedError) {
    return timedOut(who, undefined, error);
  }
  if (error instanceof ConnectionError) return unreachable(who, error);
  if (error instanceof Error && error.name === 'AbortError') return timedOut(who, undefined, error);
  return badResponse(who, (error as Error).message, error);
}
