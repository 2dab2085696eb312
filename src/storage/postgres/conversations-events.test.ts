import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userMessage } from '../contract/harness.js';
import { createPostgresStorage, type PostgresStorage } from './index.js';
import { freshSchema, testDatabase } from './testing/database.js';

/** This run's own database (dropped at the end); null when no PostgreSQL answers, and the suite skips. */
const database = await testDatabase();
afterAll(async () => database?.drop());

const T0 = '2026-01-01T00:00:00.000Z';
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe.skipIf(!database)('postgres conversation events', () => {
  let storage: PostgresStorage;
  beforeEach(async () => {
    storage = await createPostgresStorage({
      url: database!.url,
      schema: freshSchema(),
      poolMax: 10,
      now: () => new Date(T0),
    });
    // Every connection open before the writers start, so that they really write at once.
    await Promise.all(range(10).map(() => storage.pg.query('SELECT pg_sleep(0.05)')));
  });
  afterEach(async () => storage.close());

  it('numbers events in commit order: a stream reading "after the last id it saw" misses none', async () => {
    const writers = range(8).map((w) => `w${w}`);
    // Waiting for a person, so every message is on the operators' stream.
    for (const session of writers) {
      await storage.conversations.append(session, 'u1', 'web', []);
      await storage.conversations.setStatus({ session_id: session, to: 'handoff', from: ['bot'], at: T0 });
    }
    let writing = true;
    const write = Promise.all(
      writers.map(async (session) => {
        for (const turn of range(15)) {
          const say = (n: number) => userMessage(`${session}.${turn}.${n}`, T0);
          await storage.conversations.append(session, 'u1', 'web', [say(1), say(2), say(3)]);
        }
      }),
    ).finally(() => (writing = false));
    const seen: number[] = [];
    const poll = async () => {
      const events = await storage.conversations.events({ after: seen.at(-1) ?? 0, limit: 1000 });
      seen.push(...events.map((e) => e.id));
      return events.length;
    };
    while (writing) await poll();
    await write;
    while ((await poll()) > 0);

    const all = await storage.pg.query<{ id: number }>(
      'SELECT id FROM conversation_events WHERE for_operators ORDER BY id',
    );
    expect(all).toHaveLength(writers.length * (1 + 15 * 3));
    expect(seen).toEqual(all.map((e) => e.id));
    expect(await storage.conversations.lastEventId()).toBe(all.at(-1)?.id);
  });

  it('drops NUL characters from what a customer wrote, its metadata and its event, rather than failing', async () => {
    const message = {
      ...userMessage('hi\u0000 there', T0),
      metadata: { quoted: 'a\u0000b', nested: { list: ['\u0000x'] } },
    };
    await storage.conversations.append('nul', 'u1', 'web', [message]);
    const cleaned = { ...message, content: 'hi there', metadata: { quoted: 'ab', nested: { list: ['x'] } } };
    expect((await storage.conversations.get('nul'))?.messages).toEqual([cleaned]);
    const [event] = await storage.conversations.events({ session_id: 'nul', after: 0 });
    expect(event?.data).toEqual(cleaned);
    expect(
      await storage.channels.receiveMessage(
        'whatsapp',
        'wamid.\u0000',
        { text: '\u0000' },
        { owner: 'p1', now: T0, until: T0 },
      ),
    ).toBe('new');
    expect(await storage.channels.messageStatus('whatsapp', 'wamid.')).toBe('received');
  });

  it('keeps a backslash and "u0000" typed as text, in the message and in its metadata', async () => {
    const typed = 'C:\\u0000"x and C:\\u0000b';
    const message = { ...userMessage(typed, T0), metadata: { quoted: typed } };
    await storage.conversations.append('typed', 'u1', 'web', [message]);
    expect((await storage.conversations.get('typed'))?.messages).toEqual([message]);
  });
});
