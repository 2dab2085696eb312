import { beforeEach, describe, expect, it } from 'vitest';
import type { ReturnLine, ReturnRequest } from '../domain/returns.js';
import { ONLINE_LOCATION, type Order } from '../domain/types.js';
import { TEST_PROGRAM } from '../testing/fixtures.js';
import type { Storage } from '../storage/ports.js';
import { onFreshStorage, type StorageFactory } from '../storage/contract/harness.js';

/**
 * The returns part of the storage contract, run by `runStorageContract` (on its fresh storage's catalogue:
 * HOOD001 in blue M, 10 online, and black L, none online; customer u1 with 500 points and 1900 spent).
 */
export function returnStoreContract(create: StorageFactory): void {
  let current: Storage;
  const storage = () => current;
  const delivered: Order = {
    order_id: 'D1',
    user_id: 'u1',
    items: [
      {
        product_id: 'HOOD001',
        sku: 'HOOD001-BLU-M',
        name: 'Cloud Fleece Hoodie',
        color: 'blue',
        size: 'M',
        quantity: 3,
        unit_price: 59,
        line_total: 177,
      },
    ],
    status: 'delivered',
    fulfilment: { type: 'ship' },
    loyalty_tier: 'silver',
    subtotal: 177,
    tier_discount_rate: 0,
    tier_discount: 0,
    points_redeemed: 0,
    points_discount: 0,
    shipping: 0,
    tax: 0,
    total: 177,
    points_earned: 177,
    created_at: '2026-11-01T10:00:00.000Z',
    expires_at: null,
    updated_at: '2026-11-05T10:00:00.000Z',
    carrier: 'UPS',
    tracking_number: '1Z1',
    refund_amount: null,
    payment_ref: 'pi_1',
    payment_url: null,
    payment_checkout: null,
    session_id: null,
  };
  const line = (quantity: number, exchange = false): ReturnLine => ({
    product_id: 'HOOD001',
    sku: 'HOOD001-BLU-M',
    name: 'Cloud Fleece Hoodie',
    color: 'blue',
    size: 'M',
    quantity,
    unit_price: 59,
    tier_discount: 0,
    points_discount: 0,
    tax: 0,
    refund: exchange ? 0 : 59 * quantity,
    points_back: 0,
    points_reversed: exchange ? 0 : 59 * quantity,
    exchange_for: exchange ? { sku: 'HOOD001-BLK-L', color: 'black', size: 'L' } : null,
  });
  const ret = (
    return_id: string,
    lines: ReturnLine[],
    status: ReturnRequest['status'] = 'approved',
  ): ReturnRequest => ({
    return_id,
    order_id: 'D1',
    user_id: 'u1',
    status,
    reason: 'too big',
    lines,
    refund_amount: lines.reduce((a, l) => a + l.refund, 0),
    points_back: 0,
    points_reversed: lines.reduce((a, l) => a + l.points_reversed, 0),
    points_shortfall: 0,
    instructions: 'Send it back.',
    rejection_reason: null,
    refund_ref: null,
    session_id: null,
    created_at: `2026-11-10T10:00:0${return_id.slice(-1)}.000Z`,
    updated_at: '2026-11-10T10:00:00.000Z',
  });
  const onHand = async (sku: string) =>
    (await storage().inventory.stockForProduct('HOOD001')).find(
      (l) => l.sku === sku && l.location_id === ONLINE_LOCATION,
    )?.quantity ?? 0;
  const receive = (return_id: string) =>
    storage().returns.receive({
      return_id,
      at: '2026-11-12T10:00:00.000Z',
      program: TEST_PROGRAM,
    });

  describe('returns', () => {
    onFreshStorage(create, (opened) => (current = opened));
    beforeEach(async () => {
      await storage().orders.importHistory([delivered]);
    });

    it('keeps returns, never more units than the order has left: a return made meanwhile refuses a stale one', async () => {
      const returns = storage().returns;
      expect(await returns.create(ret('R1', [line(2)]), {})).toMatchObject({
        ok: true,
        ret: { return_id: 'R1' },
      });
      expect(await returns.returnedUnits('D1')).toEqual({ 'HOOD001-BLU-M': 2 });
      // Quoted before R1 was made: refused, so the same unit never goes back twice.
      expect(await returns.create(ret('R2', [line(1)]), {})).toEqual({ ok: false, reason: 'CHANGED' });
      expect(await returns.create(ret('R3', [line(1)]), { 'HOOD001-BLU-M': 2 })).toMatchObject({ ok: true });
      expect(await returns.get('R2')).toBeNull();
      expect(await returns.get('R1')).toEqual(ret('R1', [line(2)]));
      expect((await returns.list({ order_id: 'D1' })).map((r) => r.return_id)).toEqual(['R3', 'R1']);
      expect(await returns.list({ user_id: 'someone-else' })).toEqual([]);
      // A rejected return gives its units up.
      const rejected = await returns.setStatus({
        return_id: 'R1',
        to: 'rejected',
        from: ['requested', 'approved'],
        at: '2026-11-11T10:00:00.000Z',
        rejection_reason: 'worn',
      });
      expect(rejected).toMatchObject({ status: 'rejected', rejection_reason: 'worn' });
      expect(await returns.returnedUnits('D1')).toEqual({ 'HOOD001-BLU-M': 1 });
      expect(
        await returns.setStatus({
          return_id: 'R1',
          to: 'approved',
          from: ['requested'],
          at: '2026-11-11T10:00:00.000Z',
        }),
      ).toBeNull();
      expect((await returns.list({ status: 'rejected' })).map((r) => r.return_id)).toEqual(['R1']);
    });

    it('reserves the variant an exchange asks for, refuses one out of stock, and puts it back when rejected', async () => {
      const returns = storage().returns;
      expect(await returns.create(ret('X1', [line(1, true)]), {})).toMatchObject({
        ok: false,
        reason: 'OUT_OF_STOCK',
        sku: 'HOOD001-BLK-L',
        available: 0,
      });
      await storage().inventory.setStock([
        { sku: 'HOOD001-BLK-L', product_id: 'HOOD001', location_id: ONLINE_LOCATION, quantity: 2 },
      ]);
      expect(await returns.create(ret('X2', [line(1, true)]), {})).toMatchObject({ ok: true });
      expect(await onHand('HOOD001-BLK-L')).toBe(1);
      // A restock counts the reserved unit as taken.
      await storage().inventory.setStock([
        { sku: 'HOOD001-BLK-L', product_id: 'HOOD001', location_id: ONLINE_LOCATION, quantity: 2 },
      ]);
      expect(await onHand('HOOD001-BLK-L')).toBe(1);
      await returns.setStatus({
        return_id: 'X2',
        to: 'rejected',
        from: ['approved'],
        at: '2026-11-11T10:00:00.000Z',
      });
      expect(await onHand('HOOD001-BLK-L')).toBe(2);
    });

    it('receives once: units back on hand, an exchange unit sold, earned points and spend reversed', async () => {
      const returns = storage().returns;
      await storage().inventory.setStock([
        { sku: 'HOOD001-BLK-L', product_id: 'HOOD001', location_id: ONLINE_LOCATION, quantity: 2 },
      ]);
      await returns.create(ret('G1', [line(1), line(1, true)]), {});
      const blue = await onHand('HOOD001-BLU-M');
      const done = await receive('G1');
      expect(done).toMatchObject({
        ok: true,
        ret: { status: 'received', refund_amount: 59, points_shortfall: 0 },
      });
      expect(done.ok && done.customer).toMatchObject({ loyalty_points: 500 - 59, total_spent: 1900 - 59 });
      expect(await storage().customers.get('u1')).toMatchObject({ loyalty_points: 441, total_spent: 1841 });
      expect(await onHand('HOOD001-BLU-M')).toBe(blue + 2);
      expect(await onHand('HOOD001-BLK-L')).toBe(1);
      // The exchange unit is sold: a restock no longer keeps it aside.
      await storage().inventory.setStock([
        { sku: 'HOOD001-BLK-L', product_id: 'HOOD001', location_id: ONLINE_LOCATION, quantity: 2 },
      ]);
      expect(await onHand('HOOD001-BLK-L')).toBe(2);
      expect(await receive('G1')).toEqual({ ok: false, reason: 'INVALID_TRANSITION', from: 'received' });
      expect(await receive('nope')).toEqual({ ok: false, reason: 'NOT_FOUND' });
      const refunded = await returns.setStatus({
        return_id: 'G1',
        to: 'refunded',
        from: ['received'],
        at: '2026-11-12T11:00:00.000Z',
        refund_ref: 're_1',
      });
      expect(refunded).toMatchObject({ status: 'refunded', refund_ref: 're_1', refund_amount: 59 });
    });

    it('keeps items not fit to sell off the shelves when told to, moving the money and points all the same', async () => {
      await storage().returns.create(ret('K1', [line(1)]), {});
      const blue = await onHand('HOOD001-BLU-M');
      const done = await storage().returns.receive({
        return_id: 'K1',
        at: '2026-11-12T10:00:00.000Z',
        program: TEST_PROGRAM,
        restock: false,
      });
      expect(done).toMatchObject({ ok: true, ret: { status: 'received', refund_amount: 59 } });
      expect(await onHand('HOOD001-BLU-M')).toBe(blue);
      expect((await storage().customers.get('u1'))?.loyalty_points).toBe(500 - 59);
    });

    it('takes points spent since off the refund when received', async () => {
      await storage().customers.upsert({ ...(await storage().customers.get('u1'))!, loyalty_points: 18 });
      await storage().returns.create(ret('S1', [line(1)]), {});
      // 59 points earned on it, 18 left: 41 points at 0.10 (4.10) stay with the shop.
      const done = await receive('S1');
      expect(done).toMatchObject({ ok: true, ret: { refund_amount: 54.9, points_shortfall: 41 } });
      expect((await storage().customers.get('u1'))?.loyalty_points).toBe(0);
    });
  });
}
