/**
 * One process of the cross-process race test: waits for the word to start, then tries to move each
 * order to one status from `pending_payment`, and prints which it won. Not a test on its own.
 */
import { TEST_PROGRAM } from './fixtures.js';
import type { OrderStatus } from '../domain/types.js';
import { createSqliteStorage } from '../storage/sqlite/index.js';

const [path, to, ids] = process.argv.slice(2) as [string, OrderStatus, string];
const storage = await createSqliteStorage(path);
// Ready once loaded; all start together when the test says go.
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const won: string[] = [];
for (const id of ids.split(',')) {
  const result = await storage.orders.transition({
    order_id: id,
    to,
    from: 'pending_payment',
    at: new Date().toISOString(),
    program: TEST_PROGRAM,
  });
  if (result.ok) won.push(id);
  // A breath between orders, as a real caller has: SQLite's lock is not fair, and without it the first
  // process to get it would take every order before the others are scheduled.
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await storage.close();
process.stdout.write(`${JSON.stringify(won)}\n`);
process.stdin.destroy();
