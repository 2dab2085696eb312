import type { PlaceOrderInput } from './order-store.js';
import { describe, expect, it } from 'vitest';
import { priceLine } from '../domain/pricing.js';
import { ONLINE_LOCATION, type Order, type OrderStatus } from '../domain/types.js';
import { hoodie, itemOf, laptop, onFreshStorage, type StorageFactory } from '../storage/contract/harness.js';
import type { Storage } from '../storage/ports.js';
import { makeCustomer, TEST_PROGRAM, testLoyalty } from '../testing/fixtures.js';

/** The orders part of the storage contract: every backend runs it through `runStorageContract`. */
export function orderStoreContract(create: StorageFactory): void {
  describe('orders', () => {
    let storage: Storage;
    onFreshStorage(create, (opened) => (storage = opened));

    const orderInput = async (
      userId: string,
      quantity: number,
      orderId: string,
    ): Promise<PlaceOrderInput> => {
      const cart = await storage.carts.get(userId);
      const line = priceLine({ ...itemOf(laptop, quantity), unit_price: laptop.price });
      return {
        order_id: orderId,
        user_id: userId,
        cart_version: cart.version,
        lines: [line],
        totals: {
          subtotal: line.line_total,
          tier_discount_rate: 0,
          tier_discount: 0,
          points_redeemed: 100,
          points_discount: 10,
          shipping: 0,
          tax: 0,
          total: line.line_total - 10,
          points_earned: 50,
        },
        fulfilment: { type: 'ship' },
        loyalty_tier: 'silver',
        tiers: testLoyalty.tiers,
        created_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        max_unpaid: 3,
      };
    };

    const online = async () =>
      (await storage.inventory.stockForProduct('LAPTOP001')).find((l) => l.location_id === ONLINE_LOCATION)
        ?.quantity;
    const move = (order_id: string, to: OrderStatus, extra: object = {}) =>
      storage.orders.transition({
        order_id,
        to,
        at: new Date().toISOString(),
        program: TEST_PROGRAM,
        ...extra,
      });

    it('places an order unpaid: units reserved, redeemed points held, nothing earned yet, cart emptied', async () => {
      const before = await storage.customers.get('u1');
      await storage.carts.addItem('u1', itemOf(laptop, 2), 5);
      const result = await storage.orders.place(await orderInput('u1', 2, 'O1'));
      expect(result.ok).toBe(true);
      expect(await online()).toBe(3);
      const c = await storage.customers.get('u1');
      expect(c).toMatchObject({
        loyalty_points: before!.loyalty_points - 100,
        loyalty_tier: before!.loyalty_tier,
        total_spent: before!.total_spent,
      });
      expect(c?.past_purchases).toEqual(before?.past_purchases);
      expect((await storage.carts.get('u1')).items).toEqual([]);
      expect((await storage.orders.get('O1'))?.status).toBe('pending_payment');
      expect(await storage.orders.listForUser('u1')).toHaveLength(1);
    });

    it('pays: the reservation is the sale, points earned, spend and tier move; paying twice is refused', async () => {
      await storage.carts.addItem('u1', itemOf(laptop, 2), 5);
      await storage.orders.place(await orderInput('u1', 2, 'P1'));
      const paid = await move('P1', 'paid');
      expect(paid).toMatchObject({ ok: true, from: 'pending_payment', order: { status: 'paid' } });
      expect(await online()).toBe(3);
      const c = await storage.customers.get('u1');
      expect(c).toMatchObject({ loyalty_points: 450, loyalty_tier: 'gold', total_spent: 4489.98 });
      expect(c?.past_purchases[0]?.product_id).toBe('LAPTOP001');
      expect(await move('P1', 'paid')).toEqual({ ok: false, reason: 'INVALID_TRANSITION', from: 'paid' });
      expect(await move('nope', 'paid')).toEqual({ ok: false, reason: 'NOT_FOUND' });
      const shipped = await move('P1', 'fulfilled', { carrier: 'UPS', tracking_number: '1Z999' });
      expect(shipped.ok && shipped.order).toMatchObject({ carrier: 'UPS', tracking_number: '1Z999' });
      expect((await move('P1', 'delivered')).ok).toBe(true);
      expect(await move('P1', 'cancelled')).toMatchObject({ ok: false, from: 'delivered' });
    });

    it('cancels or expires an unpaid order: units and held points come back, nothing to refund', async () => {
      const before = await storage.customers.get('u1');
      for (const [id, to] of [
        ['C1', 'cancelled'],
        ['C2', 'expired'],
      ] as const) {
        await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
        await storage.orders.place(await orderInput('u1', 1, id));
        const done = await move(id, to);
        expect(done.ok && done.refund).toBeUndefined();
      }
      expect(await online()).toBe(5);
      expect(await storage.customers.get('u1')).toMatchObject({
        loyalty_points: before!.loyalty_points,
        total_spent: before!.total_spent,
      });
    });

    it('cancels a paid order: units back, earned points and spend reversed, points spent since come off the refund', async () => {
      const before = await storage.customers.get('u1');
      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      const placed = await storage.orders.place(await orderInput('u1', 1, 'R1'));
      await move('R1', 'paid');
      // The customer spends all their points elsewhere before cancelling.
      await storage.customers.upsert({ ...(await storage.customers.get('u1'))!, loyalty_points: 20 });
      const cancelled = await move('R1', 'cancelled');
      expect(cancelled.ok).toBe(true);
      if (!cancelled.ok || !placed.ok) return;
      // 100 held points come back, 50 earned go: 20 + 100 - 50 = 70, no shortfall.
      expect(cancelled.customer?.loyalty_points).toBe(70);
      expect(cancelled.refund).toEqual({ amount: placed.order.total, points_shortfall: 0 });
      expect(cancelled.customer?.total_spent).toBe(before!.total_spent);
      expect(await online()).toBe(5);

      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      const again = await storage.orders.place({
        ...(await orderInput('u1', 1, 'R2')),
        totals: {
          ...(await orderInput('u1', 1, 'R2')).totals,
          points_redeemed: 0,
          points_discount: 0,
          total: 1000,
          points_earned: 300,
        },
      });
      expect(again.ok).toBe(true);
      await move('R2', 'paid');
      await storage.customers.upsert({ ...(await storage.customers.get('u1'))!, loyalty_points: 100 });
      const short = await move('R2', 'cancelled');
      // 300 earned, only 100 left: 200 points at 0.10 come off the refund.
      expect(short.ok && short.refund).toEqual({ amount: 980, points_shortfall: 200 });
      expect(short.ok && short.customer?.loyalty_points).toBe(0);
    });

    it("counts points an unpaid order holds as the customer's, not spent, when a paid order is cancelled", async () => {
      const start = (await storage.customers.get('u1'))!.loyalty_points;
      const base = await orderInput('u1', 1, 'H1');
      const totals = (redeemed: number, earned: number) => ({
        ...base.totals,
        points_redeemed: redeemed,
        points_discount: redeemed / 10,
        total: base.totals.subtotal - redeemed / 10,
        points_earned: earned,
      });
      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      await storage.orders.place({ ...(await orderInput('u1', 1, 'H1')), totals: totals(0, 900) });
      await move('H1', 'paid');
      // Another order, unpaid, holds 1000 of the points - 900 of them earned by the first.
      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      await storage.orders.place({ ...(await orderInput('u1', 1, 'H2')), totals: totals(1000, 0) });
      expect(await storage.orders.heldPoints('u1')).toBe(1000);
      const cancelled = await move('H1', 'cancelled');
      // Held points are not spent: the whole payment goes back, and the balance owes what the hold covers.
      expect(cancelled.ok && cancelled.refund).toEqual({ amount: totals(0, 900).total, points_shortfall: 0 });
      expect((await storage.customers.get('u1'))!.loyalty_points).toBe(start + 900 - 1000 - 900);
      // When the unpaid order lapses its points come back, and the customer has what they started with.
      await move('H2', 'expired');
      expect((await storage.customers.get('u1'))!.loyalty_points).toBe(start);
      expect(await storage.orders.heldPoints('u1')).toBe(0);
    });

    it('lets unpaid orders hold only so much of a variant: a share of it, per customer, per address', async () => {
      const share = { unpaid_share: 0.5 };
      const order = async (user: string, quantity: number, id: string, extra: object = {}) => {
        await storage.customers.ensure(user, () => makeCustomer({ user_id: user }));
        await storage.carts.addItem(user, itemOf(laptop, quantity), 99);
        return storage.orders.place({
          ...(await orderInput(user, quantity, id)),
          user_id: user,
          cart_version: (await storage.carts.get(user)).version,
          totals: {
            ...(await orderInput(user, quantity, id)).totals,
            points_redeemed: 0,
            points_discount: 0,
          },
          ...extra,
        });
      };
      // 5 on hand: unpaid orders may hold 3 (half, rounded up).
      expect(await order('u1', 4, 'L1', { holds: share })).toEqual({
        ok: false,
        reason: 'HOLD_LIMIT',
        sku: 'LAPTOP001',
        limit: 'share',
        max: 3,
        available: 3,
      });
      expect(await online()).toBe(5);
      expect((await order('u1', 2, 'L2', { holds: share })).ok).toBe(true);
      expect(await order('u2', 2, 'L3', { holds: share })).toMatchObject({ limit: 'share', available: 1 });
      // Paid units are sold, not held: once L2 is paid, 3 are on hand and 2 may be held.
      await move('L2', 'paid');
      expect((await order('u2', 2, 'L4', { holds: share })).ok).toBe(true);
      await move('L4', 'expired');

      // Per customer, and per address across customers.
      const guest = {
        holds: { unpaid_share: 1, per_customer: 1, per_address: 2 },
        placed_from: '203.0.113.7',
      };
      expect(await order('g1', 2, 'G1', guest)).toMatchObject({ limit: 'customer', max: 1, available: 1 });
      expect((await order('g1', 1, 'G2', guest)).ok).toBe(true);
      expect((await order('g2', 1, 'G3', guest)).ok).toBe(true);
      expect(await order('g3', 1, 'G4', guest)).toMatchObject({ limit: 'address', max: 2, available: 0 });
      expect((await order('g3', 1, 'G5', { ...guest, placed_from: '198.51.100.2' })).ok).toBe(true);
      // The address is kept for the limit, never shown with the order.
      expect(await storage.orders.get('G2')).not.toHaveProperty('placed_from');
    });

    it('keeps the tax an order adds: stored and read back, not counted as spend, refunded with the rest', async () => {
      const before = await storage.customers.get('u1');
      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      const input = await orderInput('u1', 1, 'T1');
      // 1299.99 less 10 of points is 1289.99 of goods; shipping 5.99 and tax 113.87 come on top.
      const totals = { ...input.totals, shipping: 5.99, tax: 113.87, total: 1409.85 };
      const placed = await storage.orders.place({ ...input, totals });
      expect(placed.ok && placed.order).toMatchObject(totals);
      expect(await storage.orders.get('T1')).toMatchObject(totals);
      expect((await storage.orders.listForUser('u1'))[0]).toMatchObject({ order_id: 'T1', tax: 113.87 });
      await move('T1', 'paid');
      expect((await storage.customers.get('u1'))?.total_spent).toBe(before!.total_spent + 1289.99);
      const cancelled = await move('T1', 'cancelled');
      expect(cancelled.ok && cancelled.refund).toEqual({ amount: 1409.85, points_shortfall: 0 });
      expect((await storage.customers.get('u1'))?.total_spent).toBe(before!.total_spent);
    });

    it('sets on-hand stock without touching reservations: available is on hand less reserved', async () => {
      await storage.carts.addItem('u1', itemOf(laptop, 2), 5);
      await storage.orders.place(await orderInput('u1', 2, 'S1'));
      expect(await online()).toBe(3);
      await storage.inventory.setStock([
        { sku: 'LAPTOP001', location_id: ONLINE_LOCATION, product_id: 'LAPTOP001', quantity: 10 },
      ]);
      expect(await online()).toBe(8);
      // Expiring the order puts its 2 reserved units back: 10 on hand, all available.
      await move('S1', 'expired');
      expect(await online()).toBe(10);
    });

    it('lets exactly one of paying and cancelling win, however they race', async () => {
      await storage.customers.upsert(makeCustomer({ user_id: 'racer', loyalty_points: 1000 }));
      for (let n = 0; n < 5; n++) {
        await storage.carts.addItem('racer', itemOf(laptop, 1), 5);
        await storage.orders.place(await orderInput('racer', 1, `X${n}`));
        // Each caller acts on the status it saw: unpaid.
        const seen = { from: 'pending_payment' };
        const results = await Promise.all([
          move(`X${n}`, 'paid', seen),
          move(`X${n}`, 'cancelled', seen),
          move(`X${n}`, 'expired', seen),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const status = (await storage.orders.get(`X${n}`))?.status;
        if (status !== 'paid') expect(await online()).toBe(5);
        else await move(`X${n}`, 'cancelled');
      }
      expect(await online()).toBe(5);
      expect((await storage.customers.get('racer'))?.loyalty_points).toBe(1000);
    });

    it('refuses a new order past the unpaid limit, and lists the overdue ones', async () => {
      await storage.customers.upsert(makeCustomer({ user_id: 'many', loyalty_points: 1000 }));
      for (const id of ['M1', 'M2']) {
        await storage.carts.addItem('many', itemOf(hoodie, 1), 10);
        const input = {
          ...(await orderInput('many', 1, id)),
          lines: [priceLine({ ...itemOf(hoodie, 1), unit_price: hoodie.price })],
          max_unpaid: 2,
          expires_at: '2026-01-01T00:00:00.000Z',
        };
        expect((await storage.orders.place(input)).ok).toBe(true);
      }
      await storage.carts.addItem('many', itemOf(hoodie, 1), 10);
      const third = { ...(await orderInput('many', 1, 'M3')), max_unpaid: 2 };
      expect(await storage.orders.place(third)).toEqual({ ok: false, reason: 'TOO_MANY_UNPAID', limit: 2 });
      expect(await storage.orders.overdue('2026-01-02T00:00:00.000Z', 10)).toEqual(['M1', 'M2']);
      expect(await storage.orders.overdue('2025-12-31T00:00:00.000Z', 10)).toEqual([]);
      expect(
        (await storage.orders.list({ status: 'pending_payment' })).map((o) => o.order_id).sort(),
      ).toEqual(['M1', 'M2']);
    });

    it('refuses an order for a cart that changed since it was priced', async () => {
      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      const input = await orderInput('u1', 1, 'O2');
      await storage.carts.addItem('u1', itemOf(hoodie, 1), 10);
      expect(await storage.orders.place(input)).toEqual({ ok: false, reason: 'CART_CHANGED' });
      expect(await storage.orders.get('O2')).toBeNull();
    });

    it('never sells more units than are in stock, however many checkouts race', async () => {
      const users = Array.from({ length: 20 }, (_, i) => `racer${i}`);
      for (const u of users) {
        await storage.customers.upsert(makeCustomer({ user_id: u, loyalty_points: 1000 }));
        await storage.carts.addItem(u, itemOf(laptop, 1), 5);
      }
      const inputs = await Promise.all(users.map((u, i) => orderInput(u, 1, `R${i}`)));
      const results = await Promise.all(inputs.map((input) => storage.orders.place(input)));
      expect(results.filter((r) => r.ok)).toHaveLength(5);
      expect(results.filter((r) => !r.ok && r.reason === 'OUT_OF_STOCK')).toHaveLength(15);
      const online = (await storage.inventory.stockForProduct('LAPTOP001')).find(
        (l) => l.location_id === ONLINE_LOCATION,
      );
      expect(online?.quantity).toBe(0);
      // A refused order leaves the customer's cart and points untouched.
      const loser = users[results.findIndex((r) => !r.ok)] ?? '';
      expect((await storage.carts.get(loser)).items).toHaveLength(1);
      expect((await storage.customers.get(loser))?.loyalty_points).toBe(1000);
    });

    it('refuses to redeem more points than the customer holds', async () => {
      await storage.customers.upsert(makeCustomer({ user_id: 'poor', loyalty_points: 20 }));
      await storage.carts.addItem('poor', itemOf(laptop, 1), 5);
      expect(await storage.orders.place(await orderInput('poor', 1, 'O3'))).toEqual({
        ok: false,
        reason: 'INSUFFICIENT_POINTS',
        balance: 20,
      });
    });

    it('takes pickup orders from the chosen store', async () => {
      await storage.carts.addItem('u1', itemOf(laptop, 2), 5);
      const input = {
        ...(await orderInput('u1', 2, 'O4')),
        fulfilment: { type: 'pickup' as const, store_id: 'SF1' },
      };
      expect((await storage.orders.place(input)).ok).toBe(true);
      const sf = (await storage.inventory.stockForProduct('LAPTOP001')).find((l) => l.location_id === 'SF1');
      expect(sf?.quantity).toBe(0);
    });

    it('records a payment event once applied in full; until then a replay counts as new', async () => {
      const at = '2026-11-30T12:00:00.000Z';
      expect(await storage.orders.recordPaymentEvent('evt_a', at)).toBe(true);
      // Cut short before it was done: the provider's retry applies it again.
      expect(await storage.orders.recordPaymentEvent('evt_a', at)).toBe(true);
      await storage.orders.finishPaymentEvent('evt_a');
      expect(await storage.orders.recordPaymentEvent('evt_a', at)).toBe(false);
      expect(await storage.orders.recordPaymentEvent('evt_b', at)).toBe(true);
    });

    it('keeps the conversation an order was placed in, and its payment page', async () => {
      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      await storage.orders.place({ ...(await orderInput('u1', 1, 'W1')), session_id: 'sess-1' });
      await storage.orders.setPaymentLink('W1', { url: 'https://pay.example/W1', reference: 'cs_W1' });
      expect(await storage.orders.get('W1')).toMatchObject({
        session_id: 'sess-1',
        payment_url: 'https://pay.example/W1',
        payment_checkout: 'cs_W1',
      });
    });

    it('counts orders and sums their totals per status, in whole cents; none at all is an empty list', async () => {
      expect(await storage.orders.statusTotals()).toEqual([]);
      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      await storage.orders.place(await orderInput('u1', 1, 'T1'));
      const stored = (await storage.orders.get('T1'))!;
      const at = '2026-01-02T10:00:00.000Z';
      const past = (order_id: string, status: OrderStatus, total: number): Order => ({
        ...stored,
        order_id,
        status,
        total,
        created_at: at,
        updated_at: at,
        expires_at: null,
      });
      await storage.orders.importHistory([
        past('T2', 'paid', 0.1),
        past('T3', 'paid', 0.2),
        past('T4', 'paid', 0.3),
        past('T5', 'cancelled', 5),
      ]);
      const totals = await storage.orders.statusTotals();
      expect([...totals].sort((a, b) => a.status.localeCompare(b.status))).toEqual([
        { status: 'cancelled', count: 1, total: 5 },
        { status: 'paid', count: 3, total: 0.6 }, // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in floating point
        { status: 'pending_payment', count: 1, total: laptop.price - 10 },
      ]);
    });

    it('changes the delivery address only while the order has not shipped, and never of a pickup', async () => {
      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      await storage.orders.place({
        ...(await orderInput('u1', 1, 'A1')),
        fulfilment: {
          type: 'ship',
          method: 'standard',
          address: { line1: '1 Old St', city: 'Oakland', postal_code: '94607' },
        },
      });
      const address = { line1: '9 New Rd', city: 'Berkeley', postal_code: '94704' };
      const placedAt = (await storage.orders.get('A1'))!.updated_at;
      const changed = await storage.orders.changeAddress({
        order_id: 'A1',
        address,
        while: ['pending_payment', 'paid'],
      });
      expect(changed?.fulfilment).toEqual({ type: 'ship', method: 'standard', address });
      // Where it goes is not a step in its lifecycle: "placed/paid on" dates stay.
      expect(changed?.updated_at).toBe(placedAt);
      expect((await move('A1', 'paid')).ok).toBe(true);
      expect((await move('A1', 'fulfilled', { carrier: 'UPS', tracking_number: '1Z' })).ok).toBe(true);
      const late = { line1: '5 Late Ave', city: 'Alameda', postal_code: '94501' };
      expect(
        await storage.orders.changeAddress({
          order_id: 'A1',
          address: late,
          while: ['pending_payment', 'paid'],
        }),
      ).toBeNull();
      expect((await storage.orders.get('A1'))?.fulfilment).toEqual({
        type: 'ship',
        method: 'standard',
        address,
      });

      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      await storage.orders.place({
        ...(await orderInput('u1', 1, 'A2')),
        fulfilment: { type: 'pickup', store_id: 'SF1' },
      });
      expect(
        await storage.orders.changeAddress({ order_id: 'A2', address, while: ['pending_payment'] }),
      ).toBeNull();
      expect(
        await storage.orders.changeAddress({ order_id: 'nope', address, while: ['pending_payment'] }),
      ).toBeNull();
    });

    it('imports past orders as they stand, once: sold ones reverse exactly what they credited, unpaid ones reserve', async () => {
      const before = await storage.customers.get('u1');
      const stockBefore = await online();
      const past = (order_id: string, status: OrderStatus, quantity: number): Order => {
        const line = priceLine({ ...itemOf(laptop, quantity), unit_price: laptop.price });
        return {
          order_id,
          user_id: 'u1',
          items: [line],
          status,
          fulfilment: { type: 'ship' },
          loyalty_tier: 'silver',
          subtotal: line.line_total,
          tier_discount_rate: 0,
          tier_discount: 0,
          points_redeemed: 0,
          points_discount: 0,
          shipping: 5,
          tax: 0,
          total: line.line_total + 5,
          points_earned: 40,
          created_at: '2026-01-02T10:00:00.000Z',
          expires_at: status === 'pending_payment' ? new Date(Date.now() + 3_600_000).toISOString() : null,
          updated_at: '2026-01-03T10:00:00.000Z',
          carrier: status === 'delivered' ? 'UPS' : null,
          tracking_number: status === 'delivered' ? '1Z999' : null,
          refund_amount: null,
          payment_ref: null,
          payment_url: null,
          payment_checkout: null,
          session_id: null,
        };
      };
      const history = [
        past('H1', 'delivered', 1),
        past('H2', 'pending_payment', 2),
        past('H3', 'cancelled', 1),
        past('H4', 'paid', 1),
      ];
      expect(await storage.orders.importHistory(history)).toBe(4);
      expect(await storage.orders.importHistory(history)).toBe(0);
      expect(await storage.orders.get('H1')).toMatchObject({
        status: 'delivered',
        carrier: 'UPS',
        tracking_number: '1Z999',
      });
      // Only the unpaid one holds units; the customer's record is as it was (history is already in it).
      expect(await online()).toBe(stockBefore! - 2);
      expect(await storage.customers.get('u1')).toMatchObject({
        loyalty_points: before!.loyalty_points,
        total_spent: before!.total_spent,
      });
      // Expiring the unpaid one frees its units; cancelling the paid one takes back what it credited.
      expect((await move('H2', 'expired')).ok).toBe(true);
      expect(await online()).toBe(stockBefore);
      const cancelled = await move('H4', 'cancelled');
      expect(cancelled.ok && cancelled.refund?.amount).toBe(laptop.price + 5);
      expect(await storage.customers.get('u1')).toMatchObject({
        loyalty_points: Math.max(0, before!.loyalty_points - 40),
        total_spent: Math.max(0, before!.total_spent - laptop.price),
      });
      expect(await online()).toBe(stockBefore! + 1);
    });
  });
}
