import { afterAll, describe, expect, it } from 'vitest';
import { ONLINE_LOCATION } from '../../domain/types.js';
import { makeProduct, stock } from '../../testing/fixtures.js';
import { createPostgresStorage } from './index.js';
import { freshSchema, testDatabase } from './testing/database.js';

const database = await testDatabase();
afterAll(async () => database?.drop());

const laptop = makeProduct({ product_id: 'LAPTOP001', price: 100 });

describe.skipIf(!database)('postgres stock levels', () => {
  it('counts the units a checkout reserved while the level was being set, however the two interleave', async () => {
    const storage = await createPostgresStorage({ url: database!.url, schema: freshSchema(), poolMax: 4 });
    try {
      await storage.products.upsertMany([laptop]);
      await storage.inventory.setStock([stock(laptop, ONLINE_LOCATION, 10)]);
      // A checkout in flight: it holds the stock row, takes 2 units and reserves them for its order.
      const checkout = await storage.pg.pool.connect();
      await checkout.query('BEGIN');
      await checkout.query(`SELECT 1 FROM stock WHERE sku = 'LAPTOP001' AND location_id = $1 FOR UPDATE`, [
        ONLINE_LOCATION,
      ]);
      await checkout.query(
        `INSERT INTO orders (order_id, user_id, status, loyalty_tier, fulfilment, items, subtotal,
           tier_discount_rate, tier_discount, points_redeemed, points_discount, shipping, total, points_earned, created_at)
         VALUES ('ORD-1', 'u1', 'pending_payment', 'bronze', '{"type":"ship"}', '[]', 200, 0, 0, 0, 0, 0, 200, 0, '2026-01-01')`,
      );
      await checkout.query(`UPDATE stock SET quantity = quantity - 2 WHERE sku = 'LAPTOP001'`);
      await checkout.query(
        `INSERT INTO stock_reservations (order_id, sku, location_id, quantity) VALUES ('ORD-1', 'LAPTOP001', $1, 2)`,
        [ONLINE_LOCATION],
      );
      // A restock to 10 on hand starts now, and waits for the checkout's row.
      const restock = storage.inventory.setStock([stock(laptop, ONLINE_LOCATION, 10)]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await checkout.query('COMMIT');
      checkout.release();
      await restock;
      const [level] = await storage.inventory.stockForProduct('LAPTOP001');
      // 10 on hand, 2 of them reserved: 8 to sell.
      expect(level?.quantity).toBe(8);
    } finally {
      await storage.close();
    }
  });
});
