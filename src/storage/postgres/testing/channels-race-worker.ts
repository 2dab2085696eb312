/**
 * One process of the cross-process PostgreSQL race test, with a pool of its own on the test's schema.
 * Ready once connected; on `go` it receives every message and claims every handoff at once, and prints the
 * messages that were new to it and the conversations it won; on `take` it takes abandoned messages until
 * none are left, and prints them. Not a test on its own.
 */
import { createInterface } from 'node:readline';
import { createPostgresStorage } from '../index.js';

const [url, schema, owner, messageIds, sessionIds] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const received = { owner, now: '2026-01-01T00:00:00.000Z', until: '2026-01-01T00:02:00.000Z' };
const later = { owner, now: '2026-01-01T00:10:00.000Z', until: '2026-01-01T00:12:00.000Z' };

const storage = await createPostgresStorage({ url, schema, poolMax: 4, now: () => new Date(received.now) });
// Every connection open before the race, so that all of them race from the word go.
await Promise.all([1, 2, 3, 4].map(() => storage.pg.query('SELECT pg_sleep(0.05)')));
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

say('ready');
await lines.next();
// All at once, in the same order as the other processes, so they meet on every message and conversation.
const news: string[] = [];
const claims: string[] = [];
await Promise.all([
  ...messageIds.split(',').map(async (id) => {
    if ((await storage.channels.receiveMessage('whatsapp', id, { id }, received)) === 'new') news.push(id);
  }),
  ...sessionIds.split(',').map(async (id) => {
    const claim = await storage.conversations.setStatus({
      session_id: id,
      to: 'human',
      from: ['handoff'],
      at: received.now,
      operator: owner,
    });
    if (claim) claims.push(id);
  }),
]);
say({ news, claims });
await lines.next();
const taken: string[] = [];
for (;;) {
  const batch = await storage.channels.takeAbandoned(later, 3);
  if (batch.length === 0) break;
  taken.push(...batch.map((m) => m.message_id));
}
say({ taken });
await storage.close();
process.stdin.destroy();
