import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../ports.js';
import { userMessage } from '../contract/harness.js';
import { createPostgresStorage, type PostgresStorage } from './index.js';
import { freshSchema, testDatabase } from './testing/database.js';

/** This run's own database (dropped at the end); null when no PostgreSQL answers, and the suite skips. */
const database = await testDatabase();
afterAll(async () => database?.drop());

const root = join(import.meta.dirname, '..', '..', '..');
const T0 = '2026-01-01T00:00:00.000Z';
const lease = (owner: string, minute = 0) => ({
  owner,
  now: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  until: new Date(Date.UTC(2026, 0, 1, 0, minute + 2)).toISOString(),
});
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `n` conversations s0..s(n-1), each waiting for a person since T0. */
async function handoffs(storage: Storage, n: number): Promise<string[]> {
  const ids = range(n).map((i) => `s${i}`);
  for (const id of ids) {
    await storage.conversations.append(id, 'u1', 'web', [userMessage('help', T0)]);
    await storage.conversations.setStatus({ session_id: id, to: 'handoff', from: ['bot'], at: T0 });
  }
  return ids;
}

describe.skipIf(!database)('postgres channel and conversation races', () => {
  let storage: PostgresStorage;
  let schema: string;
  beforeEach(async () => {
    schema = freshSchema();
    storage = await createPostgresStorage({
      url: database!.url,
      schema,
      poolMax: 12,
      now: () => new Date(T0),
    });
    // Every connection open before the race, so the racers really run at once rather than one by one as
    // their connections come up.
    await Promise.all(range(12).map(() => storage.pg.query('SELECT pg_sleep(0.05)')));
  });
  afterEach(async () => storage.close());

  it('makes one of many copies of a message new; past its lease, one of many redeliveries a retry', async () => {
    const copies = await Promise.all(
      range(24).map((i) => storage.channels.receiveMessage('whatsapp', 'wamid.1', { i }, lease(`p${i}`))),
    );
    expect(copies.filter((c) => c === 'new')).toHaveLength(1);
    expect(copies.filter((c) => c === 'duplicate')).toHaveLength(23);
    const redelivered = await Promise.all(
      range(24).map((i) => storage.channels.receiveMessage('whatsapp', 'wamid.1', { i }, lease(`q${i}`, 10))),
    );
    expect(redelivered.filter((c) => c === 'retry')).toHaveLength(1);
    const winner = `q${redelivered.indexOf('retry')}`;
    expect(await storage.channels.leaseMessage('whatsapp', 'wamid.1', lease(winner, 11))).toBe(true);
    expect(await storage.channels.leaseMessage('whatsapp', 'wamid.1', lease('q-other', 11))).toBe(false);
  });

  it('gives each abandoned message to exactly one of several takers', async () => {
    const ids = range(40).map((i) => `m${i}`);
    for (const id of ids) await storage.channels.receiveMessage('sms', id, { id }, lease('dead'));
    const takers = ['t1', 't2', 't3', 't4', 't5'];
    const taken = await Promise.all(
      takers.map(async (owner) => {
        const mine: string[] = [];
        for (;;) {
          const batch = await storage.channels.takeAbandoned(lease(owner, 10), 3);
          if (batch.length === 0) return mine;
          mine.push(...batch.map((m) => m.message_id));
        }
      }),
    );
    expect(taken.flat().sort()).toEqual([...ids].sort());
    // Each taker holds the lease on what it took, and only that.
    for (const [n, owner] of takers.entries())
      for (const id of taken[n]!)
        expect(await storage.channels.leaseMessage('sms', id, lease(owner, 11))).toBe(true);
  });

  it('lets one of many operators claim a handoff, and records one change', async () => {
    const [session] = await handoffs(storage, 1);
    const claims = await Promise.all(
      range(12).map((i) =>
        storage.conversations.setStatus({
          session_id: session!,
          to: 'human',
          from: ['handoff'],
          at: '2026-01-01T00:01:00.000Z',
          operator: `op${i}`,
        }),
      ),
    );
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(1);
    expect((await storage.conversations.head(session!))?.operator).toBe(won[0]!.operator);
    const events = await storage.conversations.events({ session_id: session!, after: 0 });
    expect(events.filter((e) => e.type === 'status' && e.data.status === 'human')).toHaveLength(1);
  });

  it('gives each overdue handoff to one sweeper', async () => {
    const ids = await handoffs(storage, 20);
    const swept = await Promise.all(
      range(4).map(() => storage.conversations.takeOverdueHandoffs(T0, '2026-01-01T00:05:00.000Z', 50)),
    );
    expect(
      swept
        .flat()
        .map((h) => h.session_id)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('lets one of two users start a conversation; the other is told it does not exist', async () => {
    const outcomes = await Promise.allSettled(
      ['u1', 'u2'].map((user) =>
        storage.conversations.append('contested', user, 'web', [userMessage(user, T0)]),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'NOT_FOUND' });
    const log = await storage.conversations.get('contested');
    expect(log?.messages.map((m) => m.content)).toEqual([log?.user_id]);
  });

  it('counts tries at a code under its limit, uses it once, and renews a session once', async () => {
    await storage.channels.addVerification({
      id: 'v1',
      user_id: 'u1',
      kind: 'phone',
      value: '+15550001',
      code_hash: 'h',
      sent_at: T0,
      expires_at: '2026-01-01T00:10:00.000Z',
      tries: 0,
      used: false,
      ip: null,
      last_try_at: null,
    });
    const tries = await Promise.all(range(20).map(() => storage.channels.recordTry('v1', T0, 5)));
    expect(tries.filter((t) => t !== null).sort()).toEqual([1, 2, 3, 4, 5]);
    const uses = await Promise.all(range(10).map(() => storage.channels.useVerification('v1')));
    expect(uses.filter(Boolean)).toHaveLength(1);
    const stale = await storage.channels.sessionFor('telegram', '42');
    const renewed = await Promise.all(
      range(10).map(() => storage.channels.renewSession('telegram', '42', stale)),
    );
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(stale);
  });

  it('across processes, each with its own pool: one new per message, one claim per handoff, one taker per abandoned message', async () => {
    const messages = range(30).map((i) => `wamid.${i}`);
    const sessions = await handoffs(storage, 30);
    const workers = ['w1', 'w2', 'w3'].map((owner) =>
      worker(database!.url, schema, owner, messages, sessions),
    );
    await Promise.all(workers.map((w) => w.next()));
    for (const w of workers) w.send('go');
    const firsts = (await Promise.all(workers.map((w) => w.next()))) as {
      news: string[];
      claims: string[];
    }[];
    for (const w of workers) w.send('take');
    const seconds = (await Promise.all(workers.map((w) => w.next()))) as { taken: string[] }[];
    await Promise.all(workers.map((w) => w.exited));

    expect(firsts.flatMap((f) => f.news).sort()).toEqual([...messages].sort());
    expect(firsts.flatMap((f) => f.claims).sort()).toEqual([...sessions].sort());
    expect(seconds.flatMap((s) => s.taken).sort()).toEqual([...messages].sort());
  }, 60_000);
});

/** A worker process (testing/channels-race-worker.ts): its lines as JSON, one `next()` at a time. */
function worker(url: string, schema: string, owner: string, messages: string[], sessions: string[]) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/storage/postgres/testing/channels-race-worker.ts',
      url,
      schema,
      owner,
      messages.join(','),
      sessions.join(','),
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${owner}: ${err}`)))),
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    exited,
    async next(): Promise<unknown> {
      const line = await Promise.race([lines.next(), exited.then(() => ({ done: true, value: '' }))]);
      if (line.done) throw new Error(`worker ${owner} ended early: ${err}`);
      return JSON.parse(line.value as string) as unknown;
    },
    send: (word: string) => child.stdin.write(`${word}\n`),
  };
}
