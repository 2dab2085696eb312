import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const running: ChildProcess[] = [];

/** Starts `npm start`'s server on a free port and resolves with its address once it listens. */
function startServer(dbPath: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'server'], {
    cwd: root,
    env: {
      ...process.env,
      SQLITE_PATH: dbPath,
      NLU_CACHE_DIR: join(dbPath, '..', 'cache'),
      API_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (match?.[1] && out.includes('sales agent listening')) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
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

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

describe('a conversation survives the process being killed', () => {
  it('still knows what "the first one" was after kill -9 and a restart', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'restart-')), 'sales.db');
    const first = await startServer(db);
    const shown = await chat(first.url, { user_id: 'user123', message: 'show me headphones' });
    const firstProduct = shown.data.products?.[0]?.product_id;
    expect(firstProduct).toBeDefined();
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

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
