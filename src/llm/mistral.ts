import { HTTPClient, Mistral } from '@mistralai/mistralai';
import type { ChatCompletionStreamRequest } from '@mistralai/mistralai/models/components';
import {
  ConnectionError,
  MistralError,
  RequestAbortedError,
  RequestTimeoutError,
} from '@mistralai/mistralai/models/errors';
import { callOptions, createChatModel, generation, structuredTool } from './chat-model.js';
import {
  badResponse,
  httpFailure,
  identityFor,
  isLlmError,
  timedOut,
  unreachable,
  type LlmError,
  type ProviderIdentity,
} from './errors.js';
import type { ChatModel, ChatRequest } from './port.js';
import { apiKeyOf, type ProviderSettings } from './provider-settings.js';

/**
 * Mistral's chat completions through the official SDK; the key is `apiKey` or MISTRAL_API_KEY. Retries
 * belong to the resilience layer, so the SDK's own are off.
 */
export function createMistral(settings: ProviderSettings): ChatModel {
  const who = identityFor('mistral', settings.model);
  const structuredOutput = settings.structuredOutput ?? 'json_schema';
  const client = new Mistral({
    apiKey: apiKeyOf(settings, 'MISTRAL_API_KEY', 'Mistral'),
    ...(settings.baseURL ? { serverURL: settings.baseURL } : {}),
    ...(settings.fetch ? { httpClient: new HTTPClient({ fetcher: settings.fetch }) } : {}),
    retryConfig: { strategy: 'none' },
  });

  function body(request: ChatRequest): ChatCompletionStreamRequest {
    const structured = request.structured;
    return {
      model: settings.model,
      messages: request.messages,
      ...generation(settings, request),
      ...(structured && structuredOutput === 'json_schema'
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
      ...(structured && structuredOutput === 'tool_call'
        ? { tools: [structuredTool(structured)], toolChoice: 'any' }
        : {}),
    };
  }

  return createChatModel(`mistral:${settings.model}`, who, {
    async listModels() {
      return ((await client.models.list()).data ?? []).flatMap((m) =>
        'id' in m && typeof m.id === 'string' ? [m.id] : [],
      );
    },

    async complete(request) {
      const response = await client.chat.complete(body(request), callOptions(request));
      const choice = response.choices[0];
      if (!choice?.message) throw badResponse(who, 'no choices');
      return {
        content: choice.message.content,
        toolArguments: choice.message.toolCalls?.[0]?.function.arguments,
        usage: {
          prompt_tokens: response.usage.promptTokens ?? 0,
          completion_tokens: response.usage.completionTokens ?? 0,
        },
        finishReason: String(choice.finishReason),
      };
    },

    async stream(request) {
      const events = await client.chat.stream(body(request), callOptions(request));
      return (async function* () {
        for await (const { data } of events) {
          const choice = data.choices[0];
          yield {
            content: choice?.delta.content,
            finishReason: choice?.finishReason ? String(choice.finishReason) : undefined,
            usage: data.usage && {
              prompt_tokens: data.usage.promptTokens ?? 0,
              completion_tokens: data.usage.completionTokens ?? 0,
            },
          };
        }
      })();
    },

    failure: (error) => failure(who, error),
  });
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
