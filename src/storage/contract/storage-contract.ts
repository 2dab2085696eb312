import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ONLINE_LOCATION,
  type CartItem,
  type Order,
  type OrderStatus,
  type Product,
} from '../../domain/types.js';
import { priceLine } from '../../domain/pricing.js';
import {
  makeCustomer,
  makeProduct,
  makeStore,
  stock,
  TEST_PROGRAM,
  testLoyalty,
} from '../../testing/fixtures.js';
import type { PlaceOrderInput, Storage } from '../ports.js';
import { analyticsContract } from './analytics-contract.js';
import { feedbackContract } from './feedback-contract.js';
import { returnsContract } from './returns-contract.js';

/** A customer's message in a conversation, at `timestamp` (now when absent). */
const userMessage = (content: string, timestamp = new Date().toISOString()) => ({
  role: 'user' as const,
  content,
  timestamp,
  agent_name: null,
  metadata: {},
});

const itemOf = (p: Product, quantity: number, variant = 0): CartItem => ({
  product_id: p.product_id,
  sku: p.variants[variant]?.sku ?? p.product_id,
  name: p.name,
  quantity,
  price: p.price,
  color: p.variants[variant]?.color ?? null,
  size: p.variants[variant]?.size ?? null,
  added_at: new Date().toISOString(),
});

const laptop = makeProduct({
  product_id: 'LAPTOP001',
  name: 'ProBook 14 Work Laptop',
  description: 'A light business laptop with a great keyboard.',
  price: 1299.99,
  brand: 'Northwind',
  tags: ['work', 'business'],
  is_featured: true,
});
const hoodie = makeProduct({
  product_id: 'HOOD001',
  name: 'Cloud Fleece Hoodie',
  category: 'hoodies',
  brand: 'Trailside',
  price: 59,
  variants: [
    { sku: 'HOOD001-BLU-M', color: 'blue', size: 'M' },
    { sku: 'HOOD001-BLK-L', color: 'black', size: 'L' },
  ],
});
const soldOut = makeProduct({ product_id: 'LAPTOP002', name: 'Budget Laptop', price: 399 });

/**
 * The contract every storage adapter meets. Call it from an adapter's test file with a factory that
 * returns a fresh, empty storage.
 */
export function runStorageContract(name: string, create: () => Promise<Storage>): void {
  describe(`${name} storage contract`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await create();
      await storage.products.upsertMany([laptop, hoodie, soldOut]);
      await storage.inventory.upsertStores([makeStore({ store_id: 'SF1' })]);
      await storage.inventory.setStock([
        stock(laptop, ONLINE_LOCATION, 5),
        stock(laptop, 'SF1', 2),
        stock(hoodie, ONLINE_LOCATION, 10, 0),
        stock(hoodie, ONLINE_LOCATION, 0, 1),
        stock(soldOut, ONLINE_LOCATION, 0),
      ]);
      await storage.customers.upsert(makeCustomer({ user_id: 'u1', loyalty_points: 500, total_spent: 1900 }));
    });
    afterEach(async () => storage.close());

    it('returns null on a miss and round-trips a customer', async () => {
      expect(await storage.customers.get('nobody')).toBeNull();
      const c = await storage.customers.get('u1');
      expect(c).toMatchObject({ user_id: 'u1', loyalty_points: 500, total_spent: 1900, location: null });
    });

    it('ensure creates a guest once and keeps an existing customer', async () => {
      const guest = await storage.customers.ensure('g1', () =>
        makeCustomer({ user_id: 'g1', is_guest: true }),
      );
      expect(guest.is_guest).toBe(true);
      const again = await storage.customers.ensure('u1', () =>
        makeCustomer({ user_id: 'u1', is_guest: true }),
      );
      expect(again.is_guest).toBe(false);
    });

    it('keeps the newest browsing records first without duplicates', async () => {
      const view = (id: string, at: string) => ({ product_id: id, category: 'x', brand: 'y', viewed_at: at });
      await storage.customers.recordViews('u1', [view('A', '1'), view('B', '1')], 3);
      await storage.customers.recordViews('u1', [view('C', '2'), view('A', '2')], 3);
      const c = await storage.customers.get('u1');
      expect(c?.browsing_history.map((v) => v.product_id)).toEqual(['C', 'A', 'B']);
    });

    it('round-trips products with variants, in the order asked', async () => {
      const [h, l] = await storage.products.getMany(['HOOD001', 'LAPTOP001', 'missing']);
      expect(h?.variants).toEqual(hoodie.variants);
      expect(l?.is_featured).toBe(true);
      expect(await storage.products.get('missing')).toBeNull();
    });

    it('searches text with stemming and filters', async () => {
      const byText = await storage.products.search({ text: 'laptops for work' });
      expect(byText[0]?.product_id).toBe('LAPTOP001');
      const cheap = await storage.products.search({ category: 'laptops', max_price: 500 });
      expect(cheap.map((p) => p.product_id)).toEqual(['LAPTOP002']);
      const blue = await storage.products.search({ color: 'Blue', size: 'm' });
      expect(blue.map((p) => p.product_id)).toEqual(['HOOD001']);
      const inStock = await storage.products.search({ category: 'laptops', in_stock_only: true });
      expect(inStock.map((p) => p.product_id)).toEqual(['LAPTOP001']);
      const blackInStock = await storage.products.search({ color: 'black', in_stock_only: true });
      expect(blackInStock).toEqual([]);
    });

    it('treats search syntax and injection in text as plain words', async () => {
      for (const text of ['"', 'NEAR(a b)', "' OR 1=1 --", 'name:*', '{"$gt": ""}', ')))']) {
        await expect(storage.products.search({ text })).resolves.toBeInstanceOf(Array);
      }
      expect(await storage.products.count()).toBe(3);
    });

    it('adds to a cart, merging the same variant, and refuses more than allowed', async () => {
      await storage.carts.addItem('u1', itemOf(hoodie, 2), 10);
      const r = await storage.carts.addItem('u1', itemOf(hoodie, 3), 10);
      expect(r.ok && r.item.quantity).toBe(5);
      const refused = await storage.carts.addItem('u1', itemOf(hoodie, 6), 10);
      expect(refused).toEqual({ ok: false, reason: 'EXCEEDS_AVAILABLE', in_cart: 5 });
      expect((await storage.carts.get('u1')).items).toHaveLength(1);
    });

    it('updates, removes idempotently and clears', async () => {
      await storage.carts.addItem('u1', itemOf(hoodie, 2), 10);
      await storage.carts.addItem('u1', itemOf(laptop, 1), 5);
      expect((await storage.carts.setQuantity('u1', 'HOOD001-BLU-M', 4))?.items[0]?.quantity).toBe(4);
      expect(await storage.carts.setQuantity('u1', 'nope', 4)).toBeNull();
      expect((await storage.carts.removeItem('u1', 'LAPTOP001')).items).toHaveLength(1);
      expect((await storage.carts.removeItem('u1', 'LAPTOP001')).items).toHaveLength(1);
      const before = (await storage.carts.get('u1')).version;
      const cleared = await storage.carts.clear('u1');
      expect(cleared.items).toEqual([]);
      expect(cleared.version).toBeGreaterThan(before);
    });

    it('ends 200 concurrent adds of one item with quantity exactly 200', async () => {
      await Promise.all(
        Array.from({ length: 200 }, () => storage.carts.addItem('u1', itemOf(laptop, 1), 1000)),
      );
      expect((await storage.carts.get('u1')).items[0]?.quantity).toBe(200);
    });

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

    it('appends conversation messages and returns the newest', async () => {
      const msg = userMessage;
      await storage.conversations.append('s1', 'u1', 'web', [msg('a'), msg('b')]);
      await storage.conversations.append('s1', 'u1', 'web', [msg('c')]);
      expect((await storage.conversations.get('s1'))?.messages.map((m) => m.content)).toEqual([
        'a',
        'b',
        'c',
      ]);
      expect((await storage.conversations.get('s1', 2))?.messages.map((m) => m.content)).toEqual(['b', 'c']);
      expect(await storage.conversations.get('missing')).toBeNull();
    });

    it("keeps a conversation its first user's: another user's append is refused as not found", async () => {
      const msg = userMessage('x');
      await storage.conversations.append('owned', 'u1', 'web', [msg]);
      expect(await storage.conversations.ownerOf('owned')).toBe('u1');
      expect(await storage.conversations.ownerOf('nobody')).toBeNull();
      await expect(storage.conversations.append('owned', 'u2', 'web', [msg])).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      const log = await storage.conversations.get('owned');
      expect(log?.user_id).toBe('u1');
      expect(log?.messages).toHaveLength(1);
    });

    it('hands a conversation over only from the user who has it', async () => {
      const msg = userMessage('x');
      await storage.conversations.append('handed', 'phone:+15550001', 'whatsapp', [msg]);
      expect(await storage.conversations.transfer('handed', 'u9', 'u2')).toBe(false);
      expect(await storage.conversations.transfer('missing', 'phone:+15550001', 'u2')).toBe(false);
      expect(await storage.conversations.transfer('handed', 'phone:+15550001', 'u2')).toBe(true);
      expect(await storage.conversations.transfer('handed', 'phone:+15550001', 'u3')).toBe(false);
      expect(await storage.conversations.ownerOf('handed')).toBe('u2');
      await storage.conversations.append('handed', 'u2', 'whatsapp', [msg]);
      expect((await storage.conversations.get('handed'))?.messages).toHaveLength(2);
    });

    it('moves a conversation between the assistant and people, only from where it stands', async () => {
      const msg = userMessage('x', '2026-11-30T10:00:00.000Z');
      await storage.conversations.append('h1', 'u1', 'web', [msg]);
      await storage.conversations.append('h2', 'u2', 'whatsapp', [msg]);
      expect(await storage.conversations.head('h1')).toMatchObject({ status: 'bot', operator: null });
      const at = (m: number) => `2026-11-30T10:0${m}:00.000Z`;
      const asked = await storage.conversations.setStatus({
        session_id: 'h1',
        to: 'handoff',
        from: ['bot'],
        at: at(1),
        reason: 'asked',
      });
      expect(asked).toMatchObject({ status: 'handoff', status_at: at(1), handoff_reason: 'asked' });
      await storage.conversations.setStatus({
        session_id: 'h2',
        to: 'handoff',
        from: ['bot'],
        at: at(2),
        reason: 'complaint',
      });
      // The longest waiting first.
      expect((await storage.conversations.list({ status: 'handoff' })).map((c) => c.session_id)).toEqual([
        'h1',
        'h2',
      ]);
      // Two operators claim at once: one wins.
      const claims = await Promise.all(
        ['op1', 'op2'].map((operator) =>
          storage.conversations.setStatus({
            session_id: 'h1',
            to: 'human',
            from: ['handoff'],
            at: at(3),
            operator,
          }),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await storage.conversations.head('h1'))?.handoff_reason).toBe('asked');
      const released = await storage.conversations.setStatus({
        session_id: 'h1',
        to: 'bot',
        from: ['human'],
        at: at(4),
      });
      expect(released).toMatchObject({ status: 'bot', operator: null, handoff_reason: null });
      expect(
        await storage.conversations.setStatus({ session_id: 'h1', to: 'bot', from: ['human'], at: at(5) }),
      ).toBeNull();
      expect(
        await storage.conversations.setStatus({
          session_id: 'nope',
          to: 'handoff',
          from: ['bot'],
          at: at(5),
        }),
      ).toBeNull();
      expect((await storage.conversations.list({ status: 'handoff' })).map((c) => c.session_id)).toEqual([
        'h2',
      ]);
    });

    it('records every message and status change as numbered events, to resume a stream after any of them', async () => {
      const msg = (content: string) => userMessage(content, '2026-11-30T11:00:00.000Z');
      await storage.conversations.append('e1', 'u1', 'web', [msg('a'), msg('b')]);
      await storage.conversations.append('e2', 'u2', 'web', [msg('other')]);
      await storage.conversations.setStatus({
        session_id: 'e1',
        to: 'handoff',
        from: ['bot'],
        at: '2026-11-30T11:01:00.000Z',
        reason: 'asked',
      });
      await storage.conversations.append('e1', 'u1', 'web', [msg('c')]);
      const all = await storage.conversations.events({ session_id: 'e1', after: 0 });
      expect(all.map((e) => (e.type === 'message' ? e.data.content : e.data.status))).toEqual([
        'a',
        'b',
        'handoff',
        'c',
      ]);
      expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((x, y) => x - y));
      const rest = await storage.conversations.events({ session_id: 'e1', after: all[1]!.id });
      expect(rest.map((e) => e.type)).toEqual(['status', 'message']);
      // The operators' queue: status changes everywhere, messages only where a person is wanted.
      const queue = await storage.conversations.events({ after: 0 });
      expect(queue.every((e) => e.session_id === 'e1')).toBe(true);
      expect(queue.map((e) => e.type)).toContain('status');
    });

    it('keeps an audit trail, newest first, per user', async () => {
      const entry = (user_id: string, action: 'cart.add' | 'order.place', n: number) => ({
        at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
        actor: `customer:${user_id}`,
        user_id,
        action,
        details: { sku: `S${n}`, quantity: n },
      });
      await storage.audit.record(entry('u1', 'cart.add', 1));
      await storage.audit.record(entry('u2', 'cart.add', 2));
      await storage.audit.record(entry('u1', 'order.place', 3));
      expect((await storage.audit.list({ user_id: 'u1' })).map((e) => e.action)).toEqual([
        'order.place',
        'cart.add',
      ]);
      expect((await storage.audit.list({ limit: 1 }))[0]).toEqual(entry('u1', 'order.place', 3));
    });

    it('claims each channel message once, even when copies arrive together', async () => {
      const lease = { owner: 'p1', now: '2026-01-01T00:00:00.000Z', until: '2026-01-01T00:02:00.000Z' };
      const claims = await Promise.all(
        Array.from({ length: 5 }, () =>
          storage.channels.receiveMessage('whatsapp', 'wamid.1', { text: 'hi' }, lease),
        ),
      );
      expect(claims.filter((c) => c === 'new')).toHaveLength(1);
      expect(await storage.channels.receiveMessage('telegram', 'wamid.1', {}, lease)).toBe('new');
      expect(await storage.channels.messageStatus('whatsapp', 'wamid.1')).toBe('received');
      await storage.channels.markMessage('whatsapp', 'wamid.1', 'processed');
      expect(await storage.channels.messageStatus('whatsapp', 'wamid.1')).toBe('processed');
      expect(await storage.channels.messageStatus('sms', 'wamid.1')).toBeNull();
    });

    it("leases unanswered channel messages: a dead owner's are taken over in order, a live one's are not", async () => {
      const at = (minute: number, owner = 'p1') => ({
        owner,
        now: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
        until: new Date(Date.UTC(2026, 0, 1, 0, minute + 2)).toISOString(),
      });
      for (const id of ['m1', 'm2', 'm3']) await storage.channels.receiveMessage('sms', id, { id }, at(0));
      // A redelivery while the lease runs is a duplicate; p2 cannot take it either.
      expect(await storage.channels.receiveMessage('sms', 'm1', { id: 'm1' }, at(1, 'p2'))).toBe('duplicate');
      expect(await storage.channels.leaseMessage('sms', 'm1', at(1, 'p2'))).toBe(false);
      expect(await storage.channels.leaseMessage('sms', 'm1', at(1))).toBe(true);
      expect(await storage.channels.takeAbandoned(at(1, 'p2'), 10)).toEqual([]);
      // p1 answers m1; m2's reply goes in two parts: the first is taken, the second is in flight when p1
      // dies. Past the lease p2 takes m2 (to send its second part again: at least once) and m3.
      await storage.channels.markMessage('sms', 'm1', 'processed');
      expect(await storage.channels.markSending('sms', 'm2', at(1))).toBe(true);
      await storage.channels.markSent('sms', 'm2', 1, false);
      expect(await storage.channels.messageStatus('sms', 'm2')).toBe('received');
      expect(await storage.channels.markSending('sms', 'm2', at(1, 'p2'))).toBe(false);
      expect(await storage.channels.markSending('sms', 'm2', at(1))).toBe(true);
      expect(await storage.channels.messageStatus('sms', 'm2')).toBe('sending');
      expect(await storage.channels.receiveMessage('sms', 'm1', { id: 'm1' }, at(10, 'p2'))).toBe(
        'duplicate',
      );
      const taken = await storage.channels.takeAbandoned(at(10, 'p2'), 10);
      expect(taken).toEqual([
        { channel: 'sms', message_id: 'm2', payload: { id: 'm2' } },
        { channel: 'sms', message_id: 'm3', payload: { id: 'm3' } },
      ]);
      expect(await storage.channels.sentParts('sms', 'm2')).toBe(1);
      expect(await storage.channels.leaseMessage('sms', 'm3', at(11))).toBe(false);
      expect(await storage.channels.markSending('sms', 'm2', at(11))).toBe(false);
      expect(await storage.channels.markSending('sms', 'm2', at(11, 'p2'))).toBe(true);
      await storage.channels.markSent('sms', 'm2', 2, true);
      expect([
        await storage.channels.messageStatus('sms', 'm2'),
        await storage.channels.sentParts('sms', 'm2'),
      ]).toEqual(['processed', 2]);
      expect(await storage.channels.markSending('sms', 'm2', at(11, 'p2'))).toBe(false);
      expect(await storage.channels.sentParts('sms', 'nope')).toBe(0);
      // A redelivery of an unanswered message whose lease ran out is taken, not swallowed.
      await storage.channels.receiveMessage('sms', 'm4', { id: 'm4' }, at(20));
      expect(await storage.channels.receiveMessage('sms', 'm4', { id: 'm4' }, at(30, 'p3'))).toBe('retry');
      expect(await storage.channels.leaseMessage('sms', 'm4', at(30, 'p2'))).toBe(false);
    });

    it('links channel identities to customers', async () => {
      expect(await storage.channels.findIdentity('phone', '+15550001')).toBeNull();
      await storage.channels.linkIdentity('phone', '+15550001', 'u1');
      await storage.channels.linkIdentity('phone', '+15550001', 'u2');
      expect(await storage.channels.findIdentity('phone', '+15550001')).toBe('u2');
      expect(await storage.channels.findIdentity('telegram', '+15550001')).toBeNull();
    });

    it('gives each channel sender one random, unguessable session id', async () => {
      const ids = await Promise.all(
        Array.from({ length: 5 }, () => storage.channels.sessionFor('whatsapp', '15550001')),
      );
      expect(new Set(ids).size).toBe(1);
      const [id] = ids;
      expect(id).toMatch(/^whatsapp-[0-9a-f]{24}$/);
      expect(id).not.toContain('15550001');
      expect(await storage.channels.sessionFor('sms', '15550001')).not.toBe(id);
      expect(await storage.channels.sessionFor('whatsapp', '15550002')).not.toBe(id);
      expect(await storage.channels.sessionFor('whatsapp', '15550001')).toBe(id);
      // And back: whom to write to in that conversation.
      expect(await storage.channels.senderOf(id!)).toEqual({ channel: 'whatsapp', sender: '15550001' });
      expect(await storage.channels.senderOf('web-session')).toBeNull();
    });

    it("renews a sender's session once however many ask at once, and finds one without making it", async () => {
      expect(await storage.channels.existingSession('telegram', '42')).toBeNull();
      const stale = await storage.channels.sessionFor('telegram', '42');
      expect(await storage.channels.existingSession('telegram', '42')).toBe(stale);
      const renewed = await Promise.all(
        Array.from({ length: 3 }, () => storage.channels.renewSession('telegram', '42', stale)),
      );
      expect(new Set(renewed).size).toBe(1);
      expect(renewed[0]).toMatch(/^telegram-[0-9a-f]{24}$/);
      expect(renewed[0]).not.toBe(stale);
      expect(await storage.channels.sessionFor('telegram', '42')).toBe(renewed[0]);
      expect(await storage.channels.senderOf(renewed[0]!)).toEqual({ channel: 'telegram', sender: '42' });
      expect(await storage.channels.senderOf(stale)).toBeNull();
    });

    it('keeps identity codes: counts per identity, customer, address and shop, the newest first, tries and use atomic', async () => {
      const minute = (m: number) => new Date(Date.UTC(2026, 0, 1, 12, m)).toISOString();
      const code = (
        id: string,
        user_id: string,
        value: string,
        m: number,
        ip: string | null = '10.0.0.1',
      ) => ({
        id,
        user_id,
        kind: 'phone' as const,
        value,
        code_hash: `hash-${id}`,
        sent_at: minute(m),
        expires_at: minute(m + 10),
        tries: 0,
        used: false,
        ip,
        last_try_at: null,
      });
      await storage.channels.addVerification(code('v1', 'u1', '+15550007', 0));
      await storage.channels.addVerification(code('v2', 'u1', '+15550007', 30));
      await storage.channels.addVerification(code('v3', 'u2', '+15550007', 40, '10.0.0.2'));
      await storage.channels.addVerification(code('v4', 'u1', '+15550008', 50, null));
      const since = minute(20);
      const sent = storage.channels.verificationsSent.bind(storage.channels);
      expect(await sent({ since, kind: 'phone', value: '+15550007' })).toEqual({
        count: 2,
        oldest: minute(30),
      });
      expect(await sent({ since, user_id: 'u1' })).toEqual({ count: 2, oldest: minute(30) });
      expect(await sent({ since, kind: 'telegram', value: '+15550007' })).toEqual({ count: 0, oldest: null });
      expect(await sent({ since, ip: '10.0.0.1' })).toEqual({ count: 1, oldest: minute(30) });
      expect(await sent({ since, all: true })).toEqual({ count: 3, oldest: minute(30) });
      expect((await storage.channels.latestVerification('u1', 'phone', '+15550007'))?.id).toBe('v2');
      expect(await storage.channels.latestVerification('u3', 'phone', '+15550007')).toBeNull();
      const tries = await Promise.all(
        [1, 2, 3, 4].map((n) => storage.channels.recordTry('v2', minute(31 + n), 3)),
      );
      // Three tries allowed: the fourth is refused and not counted.
      expect(tries.sort()).toEqual([1, 2, 3, null]);
      await storage.channels.recordTry('v3', minute(41), 3);
      const uses = await Promise.all([1, 2].map(() => storage.channels.useVerification('v2')));
      expect(uses.filter(Boolean)).toHaveLength(1);
      expect(await storage.channels.latestVerification('u1', 'phone', '+15550007')).toMatchObject({
        tries: 3,
        used: true,
        ip: '10.0.0.1',
      });
      // Wrong tries: v2's two before the right one, and v3's one; the right one does not count.
      expect(await storage.channels.verificationFailures('phone', '+15550007', minute(0))).toEqual({
        failures: 3,
        last_try_at: minute(41),
      });
      expect(await storage.channels.verificationFailures('phone', '+15550008', minute(0))).toEqual({
        failures: 0,
        last_try_at: null,
      });
    });

    returnsContract(() => storage);
    feedbackContract(() => storage);
    analyticsContract(() => storage);

    it('answers ping', async () => {
      expect(await storage.ping()).toBe(true);
    });
  });
}
