import { randomBytes } from 'node:crypto';

/** One chat-completions request as the fake received it. */
export interface FakeChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream: boolean;
  /** The JSON schema asked for, by response format or forced tool; null for plain text. */
  schema: Record<string, unknown> | null;
  body: Record<string, unknown>;
  prompt_tokens: number;
}

/** What the fake answers: text, a tool call, or an HTTP error; `delay_ms` makes it slow. */
export type FakeAnswer = (
  | { content: string }
  | { tool_call: { name: string; arguments: string } }
  | { status: 401 | 422 | 429 | 500 | 503; retry_after?: string }
) & { delay_ms?: number };

export type FakeBrain = (request: FakeChatRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeMistral {
  /** The HTTP client to give a provider: it answers as Mistral's API would, whatever the host. */
  fetch: typeof globalThis.fetch;
  /** A nominal origin, without /v1, for settings that need one (the OpenAI-compatible base URL). */
  url: string;
  requests: FakeChatRequest[];
  /** Answers used, in order, before the brain is asked. */
  script(...answers: FakeAnswer[]): void;
  setBrain(brain: FakeBrain): void;
  /** Forgets scripted answers and recorded requests. */
  reset(): void;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Mistral's tool-call ids: nine alphanumeric characters. */
const toolCallId = () => [...randomBytes(9)].map((b) => ALNUM[b % ALNUM.length]).join('');
/** About four characters a token, as Mistral's tokenizers average on English. */
const tokens = (text: string) => Math.ceil(text.length / 4);

const ERROR_BODIES: Record<number, unknown> = {
  401: { message: 'Unauthorized', request_id: 'fake' },
  422: {
    detail: [{ type: 'missing', loc: ['body', 'messages'], msg: 'Field required', input: {} }],
  },
  429: { message: 'Requests rate limit exceeded', request_id: 'fake' },
  500: { object: 'error', message: 'Internal server error', type: 'internal_server_error', code: '3000' },
  503: { object: 'error', message: 'Service unavailable', type: 'service_unavailable', code: '3505' },
};

/**
 * Mistral's API as an HTTP client for tests: POST /v1/chat/completions as JSON or SSE, GET /v1/models,
 * Mistral's error bodies, bearer-key checks and an unknown-model answer. Without a script or brain it
 * echoes. Like a real fetch, it rejects with the signal's reason once the caller aborts, before the
 * answer or while it streams.
 */
export function createFakeMistral(
  options: { apiKey?: string; models?: string[]; chunkDelayMs?: number } = {},
): FakeMistral {
  const requests: FakeChatRequest[] = [];
  const queue: FakeAnswer[] = [];
  let brain: FakeBrain = (r) => ({ content: `echo: ${r.messages.at(-1)?.content ?? ''}` });
  const models = options.models ?? ['mistral-large-latest', 'mistral-small-latest'];

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

  async function handle(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    if (options.apiKey && req.headers.get('authorization') !== `Bearer ${options.apiKey}`) {
      return json(401, ERROR_BODIES[401]);
    }
    if (req.method === 'GET' && path === '/v1/models') {
      return json(200, {
        object: 'list',
        data: models.map((id) => ({
          id,
          object: 'model',
          created: 0,
          owned_by: 'mistralai',
          type: 'base',
          name: id,
          description: id,
          max_context_length: 32768,
          aliases: [],
          capabilities: { completion_chat: true, function_calling: true, vision: false },
        })),
      });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') return json(404, { detail: 'Not Found' });
    const body = JSON.parse(await req.text()) as Record<string, unknown>;
    const messages = (body.messages ?? []) as FakeChatRequest['messages'];
    if (!Array.isArray(body.messages)) return json(422, ERROR_BODIES[422]);
    const model = String(body.model);
    if (!models.includes(model)) {
      return json(400, {
        object: 'error',
        message: `Invalid model: ${model}`,
        type: 'invalid_model',
        param: null,
        code: '1500',
      });
    }
    const format = body.response_format as { json_schema?: { schema?: Record<string, unknown> } } | undefined;
    const tool = (body.tools as { function: { parameters: Record<string, unknown> } }[] | undefined)?.[0];
    const schema = format?.json_schema?.schema ?? tool?.function.parameters ?? null;
    const request: FakeChatRequest = {
      model,
      messages,
      stream: body.stream === true,
      schema,
      body,
      prompt_tokens: tokens(
        messages.map((m) => m.content).join('\n') + (schema ? JSON.stringify(schema) : ''),
      ),
    };
    requests.push(request);
    const answer = queue.shift() ?? (await brain(request));
    if (answer.delay_ms) await sleep(answer.delay_ms, req.signal);
    if ('status' in answer) {
      return json(
        answer.status,
        ERROR_BODIES[answer.status],
        answer.retry_after ? { 'retry-after': answer.retry_after } : {},
      );
    }
    const id = `cmpl-${randomBytes(8).toString('hex')}`;
    const created = Math.floor(Date.now() / 1000);
    const text = 'content' in answer ? answer.content : answer.tool_call.arguments;
    const usage = {
      prompt_tokens: request.prompt_tokens,
      completion_tokens: tokens(text),
      total_tokens: request.prompt_tokens + tokens(text),
    };
    const toolCalls =
      'tool_call' in answer
        ? [{ id: toolCallId(), type: 'function', function: answer.tool_call, index: 0 }]
        : undefined;
    const finish = toolCalls ? 'tool_calls' : 'stop';
    if (!request.stream) {
      return json(200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: toolCalls ? '' : text,
              ...(toolCalls ? { tool_calls: toolCalls } : {}),
            },
            finish_reason: finish,
          },
        ],
        usage,
      });
    }
    const chunk = (delta: Record<string, unknown>, finish_reason: string | null, final = false) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason }],
        // Usage comes on the final chunk only; the other chunks leave it out rather than send null.
        ...(final ? { usage } : {}),
      })}\n\n`;
    async function* events() {
      yield chunk({ role: 'assistant', content: '' }, null);
      if (toolCalls) yield chunk({ tool_calls: toolCalls }, null);
      else {
        for (const piece of text.match(/\s*\S+/g) ?? []) {
          yield chunk({ content: piece }, null);
          if (options.chunkDelayMs) await sleep(options.chunkDelayMs, req.signal);
        }
      }
      yield chunk({ content: '' }, finish, true);
      yield 'data: [DONE]\n\n';
    }
    return new Response(eventStream(events(), req.signal), {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
    });
  }

  return {
    url: 'http://fake-mistral.test',
    fetch: (input, init) => {
      const request = new Request(input, init);
      return new Promise<Response>((resolve, reject) => {
        const aborted = () => reject(request.signal.reason as Error);
        if (request.signal.aborted) return aborted();
        request.signal.addEventListener('abort', aborted, { once: true });
        handle(request)
          .then(resolve, reject)
          .finally(() => request.signal.removeEventListener('abort', aborted));
      });
    },
    requests,
    script: (...answers) => void queue.push(...answers),
    setBrain: (next) => void (brain = next),
    reset() {
      queue.splice(0);
      requests.splice(0);
    },
  };
}

/** Waits `ms`, or rejects once `signal` aborts: a caller that gave up is not kept waiting. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const aborted = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    signal.addEventListener('abort', aborted, { once: true });
  });
}

/** A response body sending `events` as they come, failing as a real body does when the caller aborts. */
function eventStream(events: AsyncGenerator<string>, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      if (signal.aborted) return controller.error(signal.reason);
      try {
        const { value, done } = await events.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
}
