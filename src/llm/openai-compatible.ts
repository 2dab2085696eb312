import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
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
import type { ProviderSettings } from './provider-settings.js';

/**
 * Mistral weights served locally (Ollama, vLLM, llama.cpp server) behind the OpenAI chat-completions
 * API, through the official OpenAI SDK. The key is `apiKey` or LLM_API_KEY, and may be absent: local
 * servers usually take any key.
 */
export function createOpenAICompatible(settings: ProviderSettings): ChatModel {
  const who = identityFor('openai-compatible', settings.model, settings.baseURL);
  const structuredOutput = settings.structuredOutput ?? 'json_schema';
  const client = new OpenAI({
    // The SDK insists on a key even where the server takes none.
    apiKey: (settings.apiKey ?? (settings.env ?? process.env).LLM_API_KEY) || 'local',
    baseURL: settings.baseURL ?? null,
    maxRetries: 0,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });

  function body(request: ChatRequest): ChatCompletionCreateParamsBase {
    const structured = request.structured;
    const { temperature, maxTokens } = generation(settings, request);
    return {
      model: settings.model,
      messages: request.messages,
      ...(temperature === undefined ? {} : { temperature }),
      ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
      ...(structured && structuredOutput === 'json_schema'
        ? {
            response_format: {
              type: 'json_schema',
              json_schema: { name: structured.name, schema: structured.schema, strict: true },
            },
          }
        : {}),
      ...(structured && structuredOutput === 'tool_call'
        ? { tools: [structuredTool(structured)], tool_choice: 'required' }
        : {}),
    };
  }

  return createChatModel(`openai-compatible:${settings.model}`, who, {
    async listModels() {
      const served: string[] = [];
      for await (const model of client.models.list()) served.push(model.id);
      return served;
    },

    async complete(request) {
      const response = await client.chat.completions.create(
        { ...body(request), stream: false },
        callOptions(request),
      );
      const choice = response.choices[0];
      if (!choice) throw badResponse(who, 'no choices');
      const call = choice.message.tool_calls?.[0];
      return {
        content: choice.message.content,
        toolArguments: call?.type === 'function' ? call.function.arguments : undefined,
        usage: {
          prompt_tokens: response.usage?.prompt_tokens ?? 0,
          completion_tokens: response.usage?.completion_tokens ?? 0,
        },
        finishReason: choice.finish_reason,
      };
    },

    async stream(request) {
      const stream = await client.chat.completions.create(
        { ...body(request), stream: true, stream_options: { include_usage: true } },
        callOptions(request),
      );
      return (async function* () {
        for await (const chunk of stream) {
          const choice = chunk.choices[0];
          yield {
            content: choice?.delta.content,
            finishReason: choice?.finish_reason,
            usage: chunk.usage
              ? { prompt_tokens: chunk.usage.prompt_tokens, completion_tokens: chunk.usage.completion_tokens }
              : undefined,
          };
        }
      })();
    },

    failure: (error) => failure(who, error),
  });
}

function failure(who: ProviderIdentity, error: unknown): LlmError {
  if (isLlmError(error)) return error;
  if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) {
    return timedOut(who, undefined, error);
  }
  if (error instanceof APIConnectionError) return unreachable(who, error);
  if (error instanceof APIError && typeof error.status === 'number') {
    return httpFailure(
      who,
      error.status,
      `${error.message} ${JSON.stringify(error.error ?? {})}`,
      error.headers,
      error,
    );
  }
  return badResponse(who, (error as Error).message, error);
}
