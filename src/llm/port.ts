/** The language-model port: Mistral and OpenAI-compatible servers implement it; tests fake the network. */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON answer the model must give: a JSON-schema response format, or one forced tool call. */
export interface StructuredOutput {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Present when the answer must be JSON of this shape. */
  structured?: StructuredOutput;
  /** Overrides the configured temperature for this call (understanding wants 0: the same answer each time). */
  temperature?: number;
  /** Overrides the configured maximum for this call (short JSON answers need few tokens). */
  max_tokens?: number;
  /** Aborts the HTTP call: timeouts and abandoned streams. */
  signal?: AbortSignal;
}

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface ChatCompletion {
  /** The text, or the structured answer's JSON text. */
  text: string;
  usage: TokenUsage;
  finish_reason: string;
}

export interface ChatModel {
  /** "provider:model", for logs and response metadata. */
  readonly name: string;
  complete(request: ChatRequest): Promise<ChatCompletion>;
  /** Streams text deltas to `onDelta` as they arrive; resolves with the whole completion. */
  stream(request: ChatRequest, onDelta: (text: string) => void): Promise<ChatCompletion>;
  /** Checks the key and that the model is served; throws an LlmError that names what to fix. */
  verify(): Promise<void>;
}

/** What the model cost one turn; every field is a sum over that turn's calls. */
export interface LlmUsage {
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  /** Estimated from the configured or built-in per-million-token prices. */
  cost_usd: number;
}

export const NO_USAGE: LlmUsage = { calls: 0, prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 };

export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return {
    calls: a.calls + b.calls,
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    cost_usd: Math.round((a.cost_usd + b.cost_usd) * 1e8) / 1e8,
  };
}
