/**
 * One process of the cross-process race test: waits for the common start time, then tries to move each
 * order to one status from `pending_payment`, and prints which it won. Not a test on its own.
 */
import { testLoyalty } from '../../testing/fixtures.js';
import type { OrderStatus } from '../../domain/types.js';
import { createSqliteStorage } from './index.js';

const [path, to, ids, startAt] = process.argv.slice(2) as [string, OrderStatus, string, string];
const storage = createSqliteStorage(path);
const wait = Number(startAt) - Date.now();
if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
const won: string[] = [];
for (const id of ids.split(',')) {
  const result = await storage.orders.transition({
    order_id: id,
    to,
    from: 'pending_payment',
    at: new Date().toISOString(),
    tiers: testLoyalty.tiers,
    point_value: 0.1,
  });
  if (result.ok) won.push(id);
}
await storage.close();
process.stdout.write(JSON.stringify(won));
