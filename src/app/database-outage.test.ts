import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../storage/postgres/testing/database.js';
import { createTestApp } from '../testing/test-app.js';

const database = await testDatabase();
afterAll(async () => database?.drop());

/** A TCP relay to the test server that can be cut (connections dropped, new ones refused) and mended. */
async function relay(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await open();
  return {
    get port() {
      return port;
    },
    async cut() {
      await new Promise<void>((resolve) => {
        server!.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    mend: open,
    close: () =>
      new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve())),
  };
}

describe.skipIf(!database)('PostgreSQL going away and coming back', () => {
  it('answers 503 and an unhealthy /health while it is gone, loses nothing, and reconnects by itself', async () => {
    const target = new URL(database!.url);
    const proxy = await relay(target);
    const via = new URL(database!.url);
    via.hostname = '127.0.0.1';
    via.port = String(proxy.port);
    const { app, close } = await createTestApp({ STORAGE: 'postgres', POSTGRES_URL: via.toString() });
    let session: string | undefined;
    const chat = (message: string) =>
      app.inject({
        method: 'POST',
        url: '/api/chat',
        payload: {
          user_id: 'customer001',
          channel: 'web',
          message,
          ...(session ? { session_id: session } : {}),
        },
      });
    try {
      const first = await chat('show me hoodies');
      expect(first.statusCode).toBe(200);
      session = (first.json() as { session_id: string }).session_id;
      expect((await app.inject({ url: '/health' })).json()).toMatchObject({ database: 'connected' });

      await proxy.cut();
      const health = await app.inject({ url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({
        status: 'degraded',
        database: 'unavailable',
        storage: 'postgres',
      });
      const refused = await chat('add the first one');
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toMatchObject({
        error: 'STORAGE_UNAVAILABLE',
        message: /database is unreachable/,
      });

      await proxy.mend();
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      expect((await chat('add the first one')).statusCode).toBe(200);
      const log = await app.inject({ url: `/api/conversations/${session}` });
      expect(log.statusCode, log.body).toBe(200);
      const said = (log.json() as { messages: { role: string; content: string }[] }).messages
        .filter((m) => m.role === 'user')
        .map((m) => m.content);
      // The refused message was never taken: the customer's two messages that were answered are there, once.
      expect(said).toEqual(['show me hoodies', 'add the first one']);
    } finally {
      await close();
      await proxy.close();
    }
  }, 60_000);
});
