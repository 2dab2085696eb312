import { beforeEach, describe, expect, it } from 'vitest';
import { ONLINE_LOCATION } from '../../domain/types.js';
import { createSqliteStorage } from '../../storage/sqlite/index.js';
import type { Storage } from '../../storage/ports.js';
import {
  makeCustomer,
  makeProduct,
  makeStore,
  stock,
  testLoyalty,
  testShop,
  TEST_PAYMENT_RULES,
} from '../../testing/fixtures.js';
import { createCartAgent, type CartAgent } from './cart-agent.js';

/** The test's one clock. */
const NOW = new Date('2026-06-01T12:00:00Z');

const hoodie = makeProduct({
  product_id: 'HOOD1',
  name: 'Cloud Hoodie',
  category: 'hoodies',
  price: 50,
  variants: [
    { sku: 'HOOD1-BLUE-M', color: 'blue', size: 'M' },
    { sku: 'HOOD1-BLUE-L', color: 'blue', size: 'L' },
    { sku: 'HOOD1-RED-M', color: 'red', size: 'M' },
  ],
});
const mug = makeProduct({ product_id: 'MUG1', name: 'Mug', category: 'kitchen', price: 12.5 });

describe('cart agent', () => {
  let storage: Storage;
  let cart: CartAgent;
  beforeEach(async () => {
    storage = await createSqliteStorage(':memory:');
    await storage.products.upsertMany([hoodie, mug]);
    await storage.inventory.upsertStores([
      makeStore({ store_id: 'S1', location: { lat: 37.78, lng: -122.41 } }),
    ]);
    await storage.inventory.setStock([
      stock(hoodie, ONLINE_LOCATION, 5, 0),
      stock(hoodie, ONLINE_LOCATION, 0, 1),
      stock(hoodie, ONLINE_LOCATION, 2, 2),
      stock(mug, ONLINE_LOCATION, 3),
      stock(mug, 'S1', 3),
    ]);
    await storage.customers.upsert(
      makeCustomer({ user_id: 'u', loyalty_tier: 'gold', loyalty_points: 2000, total_spent: 3000 }),
    );
    cart = createCartAgent({
      ...storage,
      loyalty: testLoyalty,
      now: () => NOW,
      payment: TEST_PAYMENT_RULES,
      shop: testShop,
      newOrderId: () => 'ORD-1',
    });
  });

  it('asks for colour and size when the product varies by both', async () => {
    const r = await cart.add('u', { product_id: 'HOOD1' });
    // Blue L is sold out, so only the in-stock options are offered.
    expect(r).toMatchObject({
      status: 'needs_variant',
      missing: ['color'],
      colors: ['blue', 'red'],
      sizes: ['M'],
    });
  });

  it('adds the variant asked for, and refuses options that are not in stock', async () => {
    expect(await cart.add('u', { product_id: 'HOOD1', color: 'BLUE', size: 'm', quantity: 2 })).toMatchObject(
      {
        status: 'added',
        sku: 'HOOD1-BLUE-M',
        cart: { item_count: 2, subtotal: 100 },
      },
    );
    expect(await cart.add('u', { product_id: 'HOOD1', color: 'green' })).toMatchObject({
      status: 'variant_unavailable',
    });
    expect(await cart.add('u', { product_id: 'NOPE' })).toEqual({ status: 'not_found', product_id: 'NOPE' });
  });

  it('names what the colour asked for does come in when that size of it is not to be had', async () => {
    expect(await cart.add('u', { product_id: 'HOOD1', color: 'red', size: 'L' })).toMatchObject({
      status: 'variant_unavailable',
      colors: ['red'],
      sizes: ['M'],
    });
  });

  it('refuses more than is available, counting what is already in the cart', async () => {
    await cart.add('u', { product_id: 'MUG1', quantity: 2 });
    expect(await cart.add('u', { product_id: 'MUG1', quantity: 2 })).toMatchObject({
      status: 'insufficient_stock',
      available: 3,
      in_cart: 2,
    });
    expect(await cart.update('u', { product_id: 'MUG1', quantity: 4 })).toMatchObject({
      status: 'insufficient_stock',
    });
    expect(await cart.update('u', { product_id: 'MUG1', quantity: 3 })).toMatchObject({
      status: 'updated',
      cart: { item_count: 3 },
    });
  });

  it('removes and clears', async () => {
    await cart.add('u', { product_id: 'MUG1' });
    await cart.add('u', { product_id: 'HOOD1', color: 'red' });
    expect(await cart.remove('u', { product_id: 'MUG1' })).toMatchObject({ status: 'removed' });
    expect(await cart.remove('u', { product_id: 'MUG1' })).toMatchObject({ status: 'not_in_cart' });
    expect((await cart.clear('u')).cart.items).toEqual([]);
  });

  it.each([
    [-5, 'below_one'],
    [0, 'below_one'],
    [1.5, 'not_whole'],
    [1_000_000, 'over_limit'],
  ])('refuses to add %d, saying why, and changes nothing', async (quantity, reason) => {
    const r = await cart.add('u', { product_id: 'MUG1', quantity });
    expect(r).toMatchObject({ status: 'invalid_quantity', reason, limit: testShop.cart.max_line_quantity });
    expect((await cart.view('u')).items).toEqual([]);
  });

  it('refuses an update outside 1..limit and reports the quantity the cart really holds', async () => {
    await cart.add('u', { product_id: 'MUG1', quantity: 2 });
    for (const quantity of [0, -1, 2.5, 100]) {
      expect(await cart.update('u', { product_id: 'MUG1', quantity })).toMatchObject({
        status: 'invalid_quantity',
      });
    }
    expect(await cart.update('u', { product_id: 'MUG1', quantity: 2 })).toMatchObject({
      status: 'unchanged',
    });
    expect(await cart.update('u', { product_id: 'MUG1', quantity: 1 })).toMatchObject({
      status: 'updated',
      quantity: 1,
    });
    expect((await cart.view('u')).items[0]?.quantity).toBe(1);
  });

  it('takes units off a line with a quantity, and the whole line when that is all of it', async () => {
    await cart.add('u', { product_id: 'MUG1', quantity: 3 });
    expect(await cart.remove('u', { product_id: 'MUG1', quantity: 1 })).toMatchObject({
      status: 'updated',
      quantity: 2,
      removed: 1,
    });
    expect(await cart.remove('u', { product_id: 'MUG1', quantity: 1.5 })).toMatchObject({
      status: 'invalid_quantity',
      reason: 'not_whole',
    });
    expect((await cart.view('u')).items[0]?.quantity).toBe(2);
    expect(await cart.remove('u', { product_id: 'MUG1', quantity: 5 })).toMatchObject({ status: 'removed' });
    expect((await cart.view('u')).items).toEqual([]);
  });

  it('keeps a line within the limit when adding to it', async () => {
    const shop = { ...testShop, cart: { max_line_quantity: 3 } };
    const small = createCartAgent({
      ...storage,
      loyalty: testLoyalty,
      now: () => NOW,
      payment: TEST_PAYMENT_RULES,
      shop,
    });
    await small.add('u', { product_id: 'MUG1', quantity: 2 });
    expect(await small.add('u', { product_id: 'MUG1', quantity: 2 })).toMatchObject({
      status: 'invalid_quantity',
      reason: 'over_limit',
      in_cart: 2,
      limit: 3,
    });
    expect((await small.view('u')).items[0]?.quantity).toBe(2);
  });

  it('swaps a line to another colour, keeping its size and quantity', async () => {
    await cart.add('u', { product_id: 'HOOD1', color: 'red', size: 'M' });
    const r = await cart.swapVariant('u', { sku: (await cart.view('u')).items[0]!.sku, color: 'blue' });
    expect(r).toMatchObject({
      status: 'swapped',
      to: { color: 'blue', size: 'M' },
      from: { color: 'red', size: 'M' },
    });
    const items = (await cart.view('u')).items;
    expect(items.map((i) => [i.color, i.size, i.quantity])).toEqual([['blue', 'M', 1]]);
  });

  it('checks out: tier discount, redemption, free shipping, units reserved, points held, cart empty', async () => {
    await cart.add('u', { product_id: 'MUG1', quantity: 2 });
    await cart.add('u', { product_id: 'HOOD1', color: 'blue', size: 'M' });
    const customer = (await storage.customers.get('u'))!;
    const r = await cart.checkout('u', { customer, redeem_points: 200 });
    expect(r.status).toBe('placed');
    if (r.status !== 'placed') return;
    // 2 x 12.50 + 50 = 75; gold 10% = 7.50; 200 points = $20; free shipping.
    expect(r.order).toMatchObject({
      subtotal: 75,
      tier_discount: 7.5,
      points_discount: 20,
      shipping: 0,
      total: 47.5,
      points_earned: 70,
    });
    // The redeemed points are held; the 70 earned and the spend wait for payment.
    expect(r.customer).toMatchObject({ loyalty_points: 2000 - 200, total_spent: 3000 });
    expect(
      (await storage.inventory.stockForProduct('MUG1')).find((l) => l.location_id === ONLINE_LOCATION)
        ?.quantity,
    ).toBe(1);
    expect((await cart.view('u')).items).toEqual([]);
    expect(await storage.orders.get('ORD-1')).toMatchObject({ status: 'pending_payment', total: 47.5 });
  });

  it('charges the catalogue price at checkout, not the price when added', async () => {
    await cart.add('u', { product_id: 'MUG1' });
    await storage.products.upsertMany([{ ...mug, price: 99 }]);
    const r = await cart.checkout('u', { customer: (await storage.customers.get('u'))! });
    expect(r.status === 'placed' && r.order.subtotal).toBe(99);
  });

  it("charges each variant its own price: when added, after a swap, and in the order's totals", async () => {
    const zip = makeProduct({
      product_id: 'ZIP1',
      name: 'Zip Lite Hoodie',
      category: 'hoodies',
      price: 49,
      variants: [
        { sku: 'ZIP1-S', color: 'black', size: 'S' },
        { sku: 'ZIP1-M', color: 'black', size: 'M', price: 59 },
        { sku: 'ZIP1-L', color: 'black', size: 'L', price: 64.5, compare_at_price: 79.99 },
      ],
    });
    await storage.products.upsertMany([zip]);
    await storage.inventory.setStock([0, 1, 2].map((v) => stock(zip, ONLINE_LOCATION, 5, v)));

    expect(await cart.add('u', { product_id: 'ZIP1', size: 'M', quantity: 2 })).toMatchObject({
      status: 'added',
      price: 59,
      cart: { subtotal: 118 },
    });
    await cart.add('u', { product_id: 'ZIP1', size: 'S' });
    expect(await cart.swapVariant('u', { sku: 'ZIP1-S', size: 'L' })).toMatchObject({ status: 'swapped' });
    expect((await cart.view('u')).items.map((i) => [i.sku, i.price])).toEqual([
      ['ZIP1-L', 64.5],
      ['ZIP1-M', 59],
    ]);

    const r = await cart.checkout('u', { customer: (await storage.customers.get('u'))! });
    expect(r.status).toBe('placed');
    if (r.status !== 'placed') return;
    expect(r.order.items.map((l) => [l.sku, l.unit_price, l.line_total])).toEqual([
      ['ZIP1-L', 64.5, 64.5],
      ['ZIP1-M', 59, 118],
    ]);
    // 118 + 64.50 = 182.50; gold 10% = 18.25 (the compare-at price is never charged).
    expect(r.order).toMatchObject({ subtotal: 182.5, tier_discount: 18.25, total: 164.25 });
  });

  it('explains a refused redemption and places nothing', async () => {
    await cart.add('u', { product_id: 'MUG1' });
    const r = await cart.checkout('u', {
      customer: (await storage.customers.get('u'))!,
      redeem_points: 1000,
    });
    expect(r).toMatchObject({ status: 'redemption_refused' });
    expect(await storage.orders.listForUser('u')).toEqual([]);
  });

  it('places a pickup order at the store chosen, with no shipping charge', async () => {
    await cart.add('u', { product_id: 'MUG1', quantity: 2 });
    const customer = makeCustomer({ user_id: 'u', location: { lat: 37.77, lng: -122.42 } });
    const r = await cart.checkout('u', { customer, fulfilment: { type: 'pickup', store_id: 'S1' } });
    expect(r.status === 'placed' && r.order.fulfilment).toEqual({ type: 'pickup', store_id: 'S1' });
    expect(r.status === 'placed' && r.order.shipping).toBe(0);
  });

  it('places a confirmed order only from the cart version and total the customer saw, once', async () => {
    await cart.add('u', { product_id: 'MUG1', quantity: 1 });
    const customer = makeCustomer({ user_id: 'u' });
    const q = await cart.quote('u', { customer });
    if (q.status !== 'quoted') throw new Error(q.status);
    expect(await storage.orders.listForUser('u')).toEqual([]);
    await cart.add('u', { product_id: 'MUG1', quantity: 1 });
    const expect_ = { cart_version: q.summary.cart_version, total: q.summary.totals.total };
    const changed = await cart.checkout('u', { customer, expect: expect_ });
    expect(changed.status).toBe('cart_changed');
    expect(changed.status === 'cart_changed' && changed.summary?.lines[0]?.quantity).toBe(2);
    expect(await storage.orders.listForUser('u')).toEqual([]);
    if (changed.status !== 'cart_changed' || !changed.summary) return;
    const again = { cart_version: changed.summary.cart_version, total: changed.summary.totals.total };
    expect((await cart.checkout('u', { customer, expect: again })).status).toBe('placed');
    // The same confirmation a second time finds an empty cart: never a second order.
    expect((await cart.checkout('u', { customer, expect: again })).status).toBe('empty');
    expect(await storage.orders.listForUser('u')).toHaveLength(1);
  });

  it('records who changed the cart, ordered and redeemed, with no payment data', async () => {
    await cart.add('u', { product_id: 'MUG1', quantity: 1 });
    await cart.update('u', { product_id: 'MUG1', quantity: 2, actor: 'admin:ops' });
    await cart.add('u', { product_id: 'HOOD1', color: 'red' });
    await cart.remove('u', { product_id: 'HOOD1' });
    const customer = (await storage.customers.get('u'))!;
    await cart.checkout('u', { customer, redeem_points: 100, actor: 'chat:whatsapp' });
    const trail = await storage.audit.list({ user_id: 'u' });
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['points.redeem', 'chat:whatsapp'],
      ['order.place', 'chat:whatsapp'],
      ['cart.remove', 'customer:u'],
      ['cart.add', 'customer:u'],
      ['cart.update', 'admin:ops'],
      ['cart.add', 'customer:u'],
    ]);
    expect(trail[1]?.details).toMatchObject({ order_id: 'ORD-1' });
    expect(JSON.stringify(trail)).not.toMatch(/card|password|token|secret/i);
  });

  it('reports an empty cart and a sold-out line', async () => {
    const customer = (await storage.customers.get('u'))!;
    expect(await cart.checkout('u', { customer })).toEqual({ status: 'empty' });
    await cart.add('u', { product_id: 'MUG1', quantity: 3 });
    await storage.inventory.setStock([stock(mug, ONLINE_LOCATION, 1)]);
    expect(await cart.checkout('u', { customer })).toEqual({
      status: 'out_of_stock',
      name: 'Mug',
      available: 1,
    });
  });
});
