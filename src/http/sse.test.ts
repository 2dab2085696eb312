import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sseEvent, startEventStream } from './sse.js';

describe('Server-Sent Events', () => {
  it('formats an event with its name, JSON data and, when given, an id to resume from', () => {
    expect(sseEvent('token', { text: 'hi' })).toBe('event: token\ndata: {"text":"hi"}\n\n');
    expect(sseEvent('message', { a: 1 }, 7)).toBe('id: 7\nevent: message\ndata: {"a":1}\n\n');
  });

  it('starts a stream that keeps hook headers and closes its socket when it ends', async () => {
    const app = Fastify();
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('access-control-allow-origin', 'https://shop.example');
    });
    app.get('/events', (_request, reply) => {
      startEventStream(reply);
      reply.raw.end(sseEvent('done', {}));
    });
    const res = await app.inject({ method: 'GET', url: '/events' });
    expect(res.headers).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'close',
      'access-control-allow-origin': 'https://shop.example',
    });
    expect(res.body).toBe('event: done\ndata: {}\n\n');
    await app.close();
  });
});
