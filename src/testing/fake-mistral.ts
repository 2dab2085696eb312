import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

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
  /** The origin, without /v1: the Mistral SDK's serverURL. */
  url: string;
  requests: FakeChatRequest[];
  /** Answers used, in order, before the brain is asked. */
  script(...answers: FakeAnswer[]): void;
  setBrain(brain: FakeBrain): void;
  /** Forgets scripted answers and recorded requests. */
  reset(): void;
  close(): Promise<void>;
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
 * A local Mistral API for tests: POST /v1/chat/completions as JSON or SSE, GET /v1/models, Mistral's
 * error bodies, bearer-key checks and an unknown-model answer. Without a script or brain it echoes.
 */
export async function startFakeMistral(
  options: { apiKey?: string; models?: string[]; chunkDelayMs?: number } = {},
): Promise<FakeMistral> {
  const requests: FakeChatRequest[] = [];
  const queue: FakeAnswer[] = [];
  let brain: FakeBrain = (r) => ({ content: `echo: ${r.messages.at(-1)?.content ?? ''}` });
  const models = options.models ?? ['mistral-large-latest', 'mistral-small-latest'];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      handle(req, res, raw).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(500).end(JSON.stringify({ message: error.message }));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return json(401, ERROR_BODIES[401]);
    }
    if (req.method === 'GET' && req.url === '/v1/models') {
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
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
      return json(404, { detail: 'Not Found' });
    const body = JSON.parse(raw) as Record<string, unknown>;
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
    if (answer.delay_ms) await new Promise((r) => setTimeout(r, answer.delay_ms));
    if (res.destroyed) return;
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
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
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
    res.write(chunk({ role: 'assistant', content: '' }, null));
    if (toolCalls) res.write(chunk({ tool_calls: toolCalls }, null));
    else {
      for (const piece of text.match(/\s*\S+/g) ?? []) {
        if (res.destroyed) return;
        res.write(chunk({ content: piece }, null));
        if (options.chunkDelayMs) await new Promise((r) => setTimeout(r, options.chunkDelayMs));
      }
    }
    res.write(chunk({ content: '' }, finish, true));
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    script: (...answers) => void queue.push(...answers),
    setBrain: (next) => void (brain = next),
    reset() {
      queue.splice(0);
      requests.splice(0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
