import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConversationEvent } from '../domain/types.js';
import { AppError } from '../errors.js';

const PAGE = 200;
const HEARTBEAT_MS = 15_000;

/**
 * Where a reconnecting client left off: the `Last-Event-ID` header (EventSource sends it), or
 * `?last_event_id=`; undefined when neither is given.
 */
export function resumeFrom(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  const raw =
    (typeof header === 'string' ? header : undefined) ??
    (request.query as { last_event_id?: string }).last_event_id;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw)) {
    throw new AppError('VALIDATION_FAILED', 'Last-Event-ID must be the id of an event this stream sent.', {
      details: { field: 'last_event_id' },
    });
  }
  return Number(raw);
}

/**
 * Streams conversation events as Server-Sent Events (`id`, `event: message|status`, JSON `data`) from
 * after `from`, then live until the client goes away or `stopped()` says the server is closing. Events
 * come from the store, polled every `pollMs`, so a message written by any process reaches every stream.
 */
export async function streamEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  from: number,
  next: (after: number, limit: number) => Promise<ConversationEvent[]>,
  options: { pollMs: number; stopped: () => boolean },
): Promise<void> {
  reply.hijack();
  reply.raw.writeHead(200, {
    // Headers set by hooks (CORS for an embedding site, security headers) go out with the stream.
    ...(reply.getHeaders() as OutgoingHttpHeaders),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    // The socket goes with the stream, so a closing server is not left waiting for it to idle out.
    connection: 'close',
    'x-accel-buffering': 'no',
  });
  reply.raw.write('retry: 2000\n\n');
  let open = true;
  request.raw.on('close', () => (open = false));
  let after = from;
  let beat = Date.now();
  try {
    while (open && !options.stopped()) {
      const events = await next(after, PAGE);
      for (const e of events) {
        reply.raw.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
        after = e.id;
      }
      if (Date.now() - beat > HEARTBEAT_MS) {
        reply.raw.write(': keep-alive\n\n');
        beat = Date.now();
      }
      if (events.length < PAGE) await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    }
  } catch (error) {
    request.log.error({ err: error }, 'event stream failed');
  } finally {
    reply.raw.end();
  }
}
