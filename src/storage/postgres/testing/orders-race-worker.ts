/**
 * One process of the cross-process PostgreSQL order race, with a pool of its own on the test's schema.
 * Ready once connected; on `go` it either places an order of one laptop for each of `ids` (the users,
 * all at once) and prints the users whose order was placed, or moves each of `ids` (the orders, one
 * after another) to `to` from `pending_payment` and prints those it won. Not a test on its own.
 */
import { createInterface } from 'node:readline';
import { priceLine } from '../../../domain/pricing.js';
import type { OrderStatus } from '../../../domain/types.js';
import { TEST_PROGRAM, testLoyalty } from '../../../testing/fixtures.js';
import { createPostgresStorage } from '../index.js';

const [url, schema, to, ids] = process.argv.slice(2) as [string, string, OrderStatus | 'placed', string];
const AT = '2026-03-01T10:00:00.000Z';

const storage = await createPostgresStorage({ url, schema, poolMax: 6 });
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
process.stdout.write('ready\n');
await lines.next();

const laptop = { product_id: 'LAPTOP001', sku: 'LAPTOP001', name: 'Laptop', color: null, size: null };
const placeFor = async (userId: string) => {
  const line = priceLine({ ...laptop, quantity: 1, unit_price: 100 });
  const placed = await storage.orders.place({
    order_id: `P-${userId}`,
    user_id: userId,
    cart_version: 0,
    lines: [line],
    totals: {
      subtotal: 100,
      tier_discount_rate: 0,
      tier_discount: 0,
      points_redeemed: 0,
      points_discount: 0,
      shipping: 0,
      tax: 0,
      total: 100,
      points_earned: 5,
    },
    fulfilment: { type: 'ship' },
    loyalty_tier: 'bronze',
    tiers: testLoyalty.tiers,
    created_at: AT,
    expires_at: '2026-03-01T11:00:00.000Z',
    max_unpaid: 5,
  });
  return placed.ok ? [userId] : [];
};

const won: string[] = [];
if (to === 'placed') {
  won.push(...(await Promise.all(ids.split(',').map(placeFor))).flat());
} else {
  for (const id of ids.split(',')) {
    const result = await storage.orders.transition({
      order_id: id,
      to,
      from: 'pending_payment',
      at: AT,
      program: TEST_PROGRAM,
    });
    if (result.ok) won.push(id);
  }
}
await storage.close();
process.stdout.write(`${JSON.stringify(won)}\n`);
process.stdin.destroy();
