import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
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
import type { ModelSettings } from './mistral.js';
import type { ChatCompletion, ChatModel, ChatRequest } from './port.js';

/**
 * Mistral weights served locally (Ollama, vLLM, llama.cpp server) behind the OpenAI chat-completions
 * API, through the official OpenAI SDK.
 */
export function createOpenAICompatibleModel(settings: ModelSettings): ChatModel {
  const who = identityFor('openai-compatible', settings.model, settings.baseURL);
  const client = new OpenAI({
    // Local servers usually take any key; the SDK insists on one.
    apiKey: settings.apiKey || 'local',
    baseURL: settings.baseURL ?? null,
    maxRetries: 0,
  });

  function body(request: ChatRequest): ChatCompletionCreateParamsBase {
    const structured = request.structured;
    return {
      model: settings.model,
      messages: request.messages,
      temperature: request.temperature ?? settings.temperature,
      max_tokens: request.max_tokens ?? settings.maxTokens,
      ...(structured && settings.structuredOutput === 'json_schema'
        ? {
            response_format: {
              type: 'json_schema',
              json_schema: { name: structured.name, schema: structured.schema, strict: true },
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
            tool_choice: 'required',
          }
        : {}),
    };
  }

  const options = (request: ChatRequest) => (request.signal ? { signal: request.signal } : {});

  return {
    name: `openai-compatible:${settings.model}`,

    async verify() {
      const served: string[] = [];
      try {
        for await (const model of client.models.list()) served.push(model.id);
      } catch (error) {
        throw failure(who, error);
      }
      if (!served.includes(settings.model)) throw modelNotServed(who, served);
    },

    async complete(request) {
      try {
        const response = await client.chat.completions.create(
          { ...body(request), stream: false },
          options(request),
        );
        const choice = response.choices[0];
        if (!choice) throw badResponse(who, 'no choices');
        const call = choice.message.tool_calls?.[0];
        const text = call?.type === 'function' ? call.function.arguments : (choice.message.content ?? '');
        if (!text) throw badResponse(who, 'empty message');
        return {
          text,
          usage: {
            prompt_tokens: response.usage?.prompt_tokens ?? 0,
            completion_tokens: response.usage?.completion_tokens ?? 0,
          },
          finish_reason: choice.finish_reason,
        };
      } catch (error) {
        throw failure(who, error);
      }
    },

    async stream(request, onDelta) {
      try {
        const stream = await client.chat.completions.create(
          { ...body(request), stream: true, stream_options: { include_usage: true } },
          options(request),
        );
        const completion: ChatCompletion = {
          text: '',
          usage: { prompt_tokens: 0, completion_tokens: 0 },
          finish_reason: 'unknown',
        };
        for await (const chunk of stream) {
          const choice = chunk.choices[0];
          const delta = choice?.delta.content ?? '';
          if (delta) {
            completion.text += delta;
            onDelta(delta);
          }
          if (choice?.finish_reason) completion.finish_reason = choice.finish_reason;
          if (chunk.usage) {
            completion.usage = {
              prompt_tokens: chunk.usage.prompt_tokens,
              completion_tokens: chunk.usage.completion_tokens,
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
