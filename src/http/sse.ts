import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';

/**
 * Takes the reply over from Fastify and starts a Server-Sent Events response. Hook headers (CORS for an
 * embedding site, security headers) go out with it. `connection: close` because the socket belongs to
 * the stream: when the stream ends - or the server closes it - the socket goes too, instead of idling
 * in keep-alive and holding up a graceful shutdown. `no-transform` and `x-accel-buffering: no` keep
 * proxies from compressing or buffering the events.
 */
export function startEventStream(reply: FastifyReply): void {
  reply.hijack();
  reply.raw.writeHead(200, {
    ...(reply.getHeaders() as OutgoingHttpHeaders),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'close',
    'x-accel-buffering': 'no',
  });
}

/** One event: `id` when the client may resume from it, `event` as its name, `data` as JSON. */
export function sseEvent(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
