import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { priceLine } from '../../domain/pricing.js';
import type { ReturnLine, ReturnRequest } from '../../domain/returns.js';
import { ONLINE_LOCATION, type Order, type OrderLine, type Product } from '../../domain/types.js';
import type { PlaceOrderInput } from '../../orders/order-store.js';
import { makeCustomer, makeProduct, stock, TEST_PROGRAM, testLoyalty } from '../../testing/fixtures.js';
import { itemOf } from '../contract/harness.js';
import { createPostgresStorage, type PostgresStorage } from './index.js';
import { freshSchema, testDatabase } from './testing/database.js';

/** This run's own database (dropped at the end); null when no PostgreSQL answers, and the suite skips. */
const database = await testDatabase();
afterAll(async () => database?.drop());

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T11:00:00.000Z';
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const laptop = makeProduct({ product_id: 'LAPTOP001', price: 100 });
const hoodie = makeProduct({
  product_id: 'HOOD001',
  price: 50,
  variants: [
    { sku: 'HOOD001-BLU-M', color: 'blue', size: 'M' },
    { sku: 'HOOD001-BLK-L', color: 'black', size: 'L' },
  ],
});
const line = (product: Product, quantity: number, variant = 0): OrderLine =>
  priceLine({ ...itemOf(product, quantity, variant), unit_price: product.price });

/** A checkout of `lines`, shipped, redeeming `redeem` points, from a cart at version 0 unless told. */
function checkout(
  userId: string,
  orderId: string,
  lines: OrderLine[],
  { redeem: points = 0, ...extra }: Partial<PlaceOrderInput> & { redeem?: number } = {},
) {
  const subtotal = lines.reduce((a, l) => a + l.line_total, 0);
  return {
    order_id: orderId,
    user_id: userId,
    cart_version: 0,
    lines,
    totals: {
      subtotal,
      tier_discount_rate: 0,
      tier_discount: 0,
      points_redeemed: points,
      points_discount: points / 10,
      shipping: 0,
      tax: 0,
      total: subtotal - points / 10,
      points_earned: 5,
    },
    fulfilment: { type: 'ship' },
    loyalty_tier: 'bronze',
    tiers: testLoyalty.tiers,
    created_at: T0,
    expires_at: T1,
    max_unpaid: 99,
    ...extra,
  } satisfies PlaceOrderInput;
}

describe.skipIf(!database)('postgres order and return races', () => {
  let storage: PostgresStorage;
  beforeEach(async () => {
    // Enough connections that the racers really run at once in PostgreSQL.
    storage = await createPostgresStorage({ url: database!.url, schema: freshSchema(), poolMax: 16 });
    // Every connection open before the race, so racers start together rather than one per new connection.
    await Promise.all(range(16).map(() => storage.pg.query('SELECT pg_sleep(0.05)')));
    await storage.products.upsertMany([laptop, hoodie]);
  });
  afterEach(async () => storage.close());

  const onHand = async (sku: string) =>
    (
      await storage.pg.query<{ quantity: number }>(
        'SELECT quantity FROM stock WHERE sku = $1 AND location_id = $2',
        [sku, ONLINE_LOCATION],
      )
    )[0]?.quantity;
  const reserved = async (sku: string) =>
    (
      await storage.pg.query<{ n: number }>(
        'SELECT coalesce(sum(quantity), 0) AS n FROM stock_reservations WHERE sku = $1',
        [sku],
      )
    )[0]?.n;
  const customers = (ids: readonly string[], points = 1000) =>
    Promise.all(
      ids.map((id) => storage.customers.upsert(makeCustomer({ user_id: id, loyalty_points: points }))),
    );

  it('never sells more than the last units, whichever order the racing checkouts list their lines in', async () => {
    await storage.inventory.setStock([stock(laptop, ONLINE_LOCATION, 7), stock(hoodie, ONLINE_LOCATION, 9)]);
    const users = range(24).map((i) => `racer${i}`);
    await customers(users);
    // Each wants 1-3 of both; half list the laptop first, half the hoodie: the stock rows are locked in
    // one order all the same, so no two checkouts wait on each other in a circle.
    const wants = users.map((_, i) => 1 + (i % 3));
    const results = await Promise.all(
      users.map((u, i) => {
        const lines = [line(laptop, wants[i]!), line(hoodie, wants[i]!)];
        return storage.orders.place(checkout(u, `R${i}`, i % 2 ? lines.reverse() : lines));
      }),
    );
    const sold = results.reduce((a, r, i) => a + (r.ok ? wants[i]! : 0), 0);
    expect(sold).toBeGreaterThan(0);
    expect(sold).toBeLessThanOrEqual(7);
    expect(await onHand('LAPTOP001')).toBe(7 - sold);
    expect(await reserved('LAPTOP001')).toBe(sold);
    expect(await onHand('HOOD001-BLU-M')).toBe(9 - sold);
    // Every refusal is for want of stock, and was right: what is left at the end could not serve it.
    for (const [i, r] of results.entries()) {
      if (r.ok) continue;
      expect(r.reason).toBe('OUT_OF_STOCK');
      expect(wants[i]).toBeGreaterThan(7 - sold);
    }
    expect((await storage.orders.list({ status: 'pending_payment' })).length).toBe(
      results.filter((r) => r.ok).length,
    );
  });

  it("places one of a customer's racing checkouts of one cart, holding its points once", async () => {
    await storage.inventory.setStock([stock(laptop, ONLINE_LOCATION, 50)]);
    await customers(['twice'], 500);
    await storage.pg.query('INSERT INTO carts (user_id, version, updated_at) VALUES ($1, 3, $2)', [
      'twice',
      T0,
    ]);
    const results = await Promise.all(
      range(8).map((i) =>
        storage.orders.place(checkout('twice', `T${i}`, [line(laptop, 1)], { cart_version: 3, redeem: 100 })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'CART_CHANGED')).toHaveLength(7);
    expect((await storage.customers.get('twice'))?.loyalty_points).toBe(400);
    expect(await onHand('LAPTOP001')).toBe(49);
  });

  it('lets racing unpaid orders hold no more than their share of a variant', async () => {
    await storage.inventory.setStock([stock(laptop, ONLINE_LOCATION, 10)]);
    const guests = range(16).map((i) => `guest${i}`);
    await customers(guests);
    const results = await Promise.all(
      guests.map((g, i) =>
        storage.orders.place(checkout(g, `G${i}`, [line(laptop, 1)], { holds: { unpaid_share: 0.5 } })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === 'HOLD_LIMIT')).toHaveLength(11);
    expect(await reserved('LAPTOP001')).toBe(5);
  });

  it('gives each order exactly one of paid, cancelled and expired, and a paid one one of cancelled and fulfilled', async () => {
    await storage.inventory.setStock([stock(laptop, ONLINE_LOCATION, 20)]);
    await customers(['racer'], 1000);
    const ids = range(10).map((i) => `X${i}`);
    for (const id of ids)
      expect((await storage.orders.place(checkout('racer', id, [line(laptop, 1)], { redeem: 10 }))).ok).toBe(
        true,
      );
    const move = (
      order_id: string,
      to: 'paid' | 'cancelled' | 'expired' | 'fulfilled',
      from: Order['status'],
    ) => storage.orders.transition({ order_id, to, from, at: T1, program: TEST_PROGRAM, carrier: 'UPS' });
    const unpaid = await Promise.all(
      ids.map(async (id) => {
        const tries = ['paid', 'cancelled', 'expired', 'paid', 'cancelled', 'expired'] as const;
        const won = (await Promise.all(tries.map((to) => move(id, to, 'pending_payment')))).filter(
          (r) => r.ok,
        );
        expect(won).toHaveLength(1);
        return won[0]!.ok ? won[0]!.order.status : null;
      }),
    );
    const paid = ids.filter((_, i) => unpaid[i] === 'paid');
    const later = await Promise.all(
      paid.map(async (id) => {
        const won = (
          await Promise.all([
            move(id, 'cancelled', 'paid'),
            move(id, 'fulfilled', 'paid'),
            move(id, 'cancelled', 'paid'),
          ])
        ).filter((r) => r.ok);
        expect(won).toHaveLength(1);
        return won[0]!.ok ? won[0]!.order.status : null;
      }),
    );
    const kept = later.filter((s) => s === 'fulfilled').length;
    // Sold units are gone, the rest back; kept orders keep their 10 redeemed points and earn 5.
    expect(await onHand('LAPTOP001')).toBe(20 - kept);
    expect(await reserved('LAPTOP001')).toBe(0);
    const customer = await storage.customers.get('racer');
    expect(customer?.loyalty_points).toBe(1000 - 10 * kept + 5 * kept);
    expect(customer?.total_spent).toBe(99 * kept);
  });

  describe('returns of a delivered order of 3 hoodies', () => {
    const delivered: Order = {
      order_id: 'D1',
      user_id: 'u1',
      items: [line(hoodie, 3)],
      status: 'delivered',
      fulfilment: { type: 'ship' },
      loyalty_tier: 'bronze',
      subtotal: 150,
      tier_discount_rate: 0,
      tier_discount: 0,
      points_redeemed: 0,
      points_discount: 0,
      shipping: 0,
      tax: 0,
      total: 150,
      points_earned: 150,
      created_at: T0,
      expires_at: null,
      updated_at: T1,
      carrier: 'UPS',
      tracking_number: '1Z1',
      refund_amount: null,
      payment_ref: 'pi_1',
      payment_url: null,
      payment_checkout: null,
      session_id: null,
    };
    const returnLine = (exchange: boolean): ReturnLine => ({
      product_id: 'HOOD001',
      sku: 'HOOD001-BLU-M',
      name: hoodie.name,
      color: 'blue',
      size: 'M',
      quantity: 1,
      unit_price: 50,
      tier_discount: 0,
      points_discount: 0,
      tax: 0,
      refund: exchange ? 0 : 50,
      points_back: 0,
      points_reversed: exchange ? 0 : 50,
      exchange_for: exchange ? { sku: 'HOOD001-BLK-L', color: 'black', size: 'L' } : null,
    });
    const request = (return_id: string, exchange = false): ReturnRequest => ({
      return_id,
      order_id: 'D1',
      user_id: 'u1',
      status: 'approved',
      reason: 'too big',
      lines: [returnLine(exchange)],
      refund_amount: exchange ? 0 : 50,
      points_back: 0,
      points_reversed: exchange ? 0 : 50,
      points_shortfall: 0,
      instructions: null,
      rejection_reason: null,
      refund_ref: null,
      session_id: null,
      created_at: T1,
      updated_at: T1,
    });

    beforeEach(async () => {
      await storage.inventory.setStock([
        stock(hoodie, ONLINE_LOCATION, 10),
        stock(hoodie, ONLINE_LOCATION, 2, 1),
      ]);
      await customers(['u1'], 500);
      await storage.orders.importHistory([delivered]);
    });

    /** A customer asking for a return of one unit, quoting again each time one made meanwhile refuses it. */
    async function returner(returnId: string, exchange: boolean) {
      for (;;) {
        const already = await storage.returns.returnedUnits('D1');
        if ((already['HOOD001-BLU-M'] ?? 0) >= 3) return 'NONE_LEFT';
        const made = await storage.returns.create(request(returnId, exchange), already);
        if (made.ok) return 'MADE';
        if (made.reason !== 'CHANGED') return made.reason;
      }
    }

    it('never sends back one unit twice, however many returns race', async () => {
      const outcomes = await Promise.all(range(10).map((i) => returner(`R${i}`, false)));
      expect(outcomes.filter((o) => o === 'MADE')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'NONE_LEFT')).toHaveLength(7);
      expect(await storage.returns.returnedUnits('D1')).toEqual({ 'HOOD001-BLU-M': 3 });
      expect(await storage.returns.list({ order_id: 'D1' })).toHaveLength(3);
    });

    it('reserves the last exchange units once, however many exchanges race', async () => {
      const outcomes = await Promise.all(range(10).map((i) => returner(`E${i}`, true)));
      expect(outcomes.filter((o) => o === 'MADE')).toHaveLength(2);
      expect(outcomes.filter((o) => o === 'OUT_OF_STOCK')).toHaveLength(8);
      expect(await onHand('HOOD001-BLK-L')).toBe(0);
      expect(await reserved('HOOD001-BLK-L')).toBe(2);
    });

    it('receives a return once, and of receiving and rejecting one wins', async () => {
      await storage.returns.create(request('K1'), {});
      await storage.returns.create(request('K2', true), { 'HOOD001-BLU-M': 1 });
      const receive = (return_id: string) =>
        storage.returns.receive({ return_id, at: T1, program: TEST_PROGRAM });
      const reject = (return_id: string) =>
        storage.returns.setStatus({ return_id, to: 'rejected', from: ['approved'], at: T1 });
      const k1 = await Promise.all(range(6).map(() => receive('K1')));
      expect(k1.filter((r) => r.ok)).toHaveLength(1);
      expect(k1.filter((r) => !r.ok && r.reason === 'INVALID_TRANSITION')).toHaveLength(5);
      const [a, b, c, d] = await Promise.all([receive('K2'), reject('K2'), receive('K2'), reject('K2')]);
      expect([a.ok, b !== null, c.ok, d !== null].filter(Boolean)).toHaveLength(1);
      const status = (await storage.returns.get('K2'))?.status;
      // K1's unit is back on hand once and its 50 points and spend reversed once; K2's blue unit back
      // only if received, its black one sold if received, back on hand if rejected.
      expect(await onHand('HOOD001-BLU-M')).toBe(10 + 1 + (status === 'received' ? 1 : 0));
      expect(await onHand('HOOD001-BLK-L')).toBe(status === 'received' ? 1 : 2);
      expect(await reserved('HOOD001-BLK-L')).toBe(0);
      expect((await storage.customers.get('u1'))?.loyalty_points).toBe(450);
    });
  });
});
