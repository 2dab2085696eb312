import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './testing/server-process.js';

const running: ServerProcess[] = [];

function startServer(dbPath: string): Promise<ServerProcess> {
  return startServerProcess({ SQLITE_PATH: dbPath, NLU_CACHE_DIR: join(dbPath, '..', 'cache') }).then(
    (server) => {
      running.push(server);
      return server;
    },
  );
}

async function chat(url: string, body: Record<string, string>) {
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    session_id: string;
    data: {
      products?: { product_id: string }[];
      cart?: { items: { product_id: string }[] };
      needs?: { product_id: string };
    };
  };
}

afterEach(async () => {
  for (const server of running.splice(0)) await server.kill();
});

describe('a conversation survives the process being killed', () => {
  it('still knows what "the first one" was after kill -9 and a restart', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'restart-')), 'sales.db');
    const first = await startServer(db);
    const shown = await chat(first.url, { user_id: 'user123', message: 'show me headphones' });
    const firstProduct = shown.data.products?.[0]?.product_id;
    expect(firstProduct).toBeDefined();
    await first.kill();

    const second = await startServer(db);
    const added = await chat(second.url, {
      user_id: 'user123',
      message: 'add the first one',
      session_id: shown.session_id,
    });
    const chosen = added.data.needs?.product_id ?? added.data.cart?.items[0]?.product_id;
    expect(chosen).toBe(firstProduct);
    // Two real server starts (each seeding the sample shop and training the understanding) on a
    // shared 2-core machine: give the process test room beyond the default.
  }, 120_000);
});
