import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from './app/app-context.js';
import { ONLINE_LOCATION } from './domain/types.js';
import { createTestContext } from './testing/test-context.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const say = (message: string, sessionId: string, userId = 'user123') =>
  ctx.engine.processSalesConversation({ userId, channel: 'web', message, sessionId });

describe('a whole sale, end to end on the embedded default', () => {
  it('browse -> refine -> pick -> add with a variant -> view cart -> loyalty -> checkout', async () => {
    const s = 'e2e-sale';
    const browse = await say('show me hoodies', s);
    expect(browse).toMatchObject({
      current_intent: 'browse',
      last_agent: 'recommendation_agent',
      has_errors: false,
    });
    expect(browse.data.products?.length).toBeGreaterThan(2);
    expect(browse.data.products?.every((p) => p.category === 'hoodies' && p.total_quantity > 0)).toBe(true);

    const medium = await say('in medium', s);
    expect(medium.current_intent).toBe('browse');
    expect(medium.data.products?.every((p) => p.sizes.includes('M'))).toBe(true);
    const first = medium.data.products![0]!;

    const add = await say('add the first one', s);
    let line;
    if (add.data.needs) {
      expect(add.data.needs).toMatchObject({ product_id: first.product_id, missing: ['color'] });
      const color = add.data.needs.colors[0]!;
      const answered = await say(color, s);
      expect(answered.current_intent).toBe('add_to_cart');
      line = answered.data.cart?.items[0];
    } else {
      line = add.data.cart?.items[0];
    }
    expect(line).toMatchObject({ product_id: first.product_id, size: 'M', quantity: 1 });

    const cart = await say("what's in my cart?", s);
    expect(cart).toMatchObject({ current_intent: 'view_cart', cart_items_count: 1 });
    expect(cart.response).toContain(first.name);

    const before = await ctx.storage.customers.get('user123');
    const loyalty = await say('how many points do I have', s);
    expect(loyalty.data.loyalty).toMatchObject({
      tier: before!.loyalty_tier,
      points: before!.loyalty_points,
    });
    expect(loyalty.response).toContain(before!.loyalty_points.toLocaleString('en-US'));

    const stockBefore = (await ctx.storage.inventory.stockForProduct(first.product_id)).find(
      (l) => l.sku === line!.sku && l.location_id === ONLINE_LOCATION,
    )!.quantity;
    const summary = await say('checkout please, ship to 12 Market St, San Francisco, CA 94103', s);
    expect(summary.current_intent).toBe('checkout');
    expect(summary.data.order).toBeUndefined();
    expect(summary.data.checkout?.summary.totals.total).toBeGreaterThan(0);
    expect(summary.response).toMatch(/Say "yes" within 15 minutes/);
    const checkout = await say('yes', s);
    expect(checkout.current_intent).toBe('checkout');
    const order = checkout.data.order!;
    expect(order.total).toBe(summary.data.checkout?.summary.totals.total);
    expect(order.fulfilment).toMatchObject({ type: 'ship', address: { postal_code: '94103' } });
    expect(order).toMatchObject({ user_id: 'user123', status: 'pending_payment' });
    expect(checkout.response).toContain(order.order_id);
    expect(checkout.cart_items_count).toBe(0);
    expect(await ctx.storage.orders.get(order.order_id)).toMatchObject({ total: order.total });
    const stockAfter = (await ctx.storage.inventory.stockForProduct(first.product_id)).find(
      (l) => l.sku === line!.sku && l.location_id === ONLINE_LOCATION,
    )!.quantity;
    expect(stockAfter).toBe(stockBefore - 1);
    // Points are earned when the order is paid, not when it is placed.
    expect((await ctx.storage.customers.get('user123'))!.loyalty_points).toBe(before!.loyalty_points);
    await ctx.orders.change(order.order_id, { to: 'paid' }, 'admin:test');
    const after = await ctx.storage.customers.get('user123');
    expect(after!.loyalty_points).toBe(before!.loyalty_points + order.points_earned);
    expect(order.points_earned).toBeGreaterThan(0);

    const orders = await say('where is my order', s);
    expect(orders.data.orders?.[0]?.order_id).toBe(order.order_id);
  });

  it('adds a product named by id, asks for the colour, then redeems points at checkout', async () => {
    const s = 'e2e-redeem';
    const user = 'customer002';
    const ask = await say('add LAPTOP001 to my cart', s, user);
    expect(ask.data.needs).toMatchObject({ product_id: 'LAPTOP001', missing: ['color'] });
    expect((await say('silver', s, user)).data.cart?.items[0]).toMatchObject({ sku: 'LAPTOP001-SILVER' });
    const redeem = await say('redeem 200 points', s, user);
    expect(redeem.data.redemption).toEqual({ ok: true, points: 200 });
    const summary = await say('checkout to 5 Baker Street, London NW1 6XE', s, user);
    expect(summary.data.checkout?.summary.totals).toMatchObject({
      points_redeemed: 200,
      points_discount: 20,
    });
    const done = await say('yes please', s, user);
    expect(done.data.order).toMatchObject({ points_redeemed: 200, points_discount: 20 });
  });

  it('drops a refused redemption so the next checkout goes through without it', async () => {
    const s = 'e2e-refused';
    const user = 'customer010';
    await say('add LAPTOP001 in grey', s, user);
    const refused = await say('checkout and redeem 50000 points', s, user);
    expect(refused.current_intent).toBe('checkout');
    expect(refused.data.order).toBeUndefined();
    expect(refused.response).toMatch(/couldn't apply those points/);
    const summary = await say('checkout, ship to 1 Main Street, Springfield, 97403', s, user);
    expect(summary.data.checkout?.summary.totals.points_redeemed).toBe(0);
    const placed = await say('yes', s, user);
    expect(placed.data.order).toMatchObject({ points_redeemed: 0 });
  });

  it('checks stock near a named city', async () => {
    const r = await say('is LAPTOP001 in stock near Oakland?', 'e2e-stock');
    expect(r.current_intent).toBe('inventory_check');
    expect(r.data.inventory?.nearby_stores[0]?.city).toBe('Oakland');
  });

  it('treats unknown users as guests with a working cart', async () => {
    const hi = await say('hello', 'e2e-guest', 'visitor-42');
    expect(hi.current_intent).toBe('greeting');
    expect((await ctx.storage.customers.get('visitor-42'))?.is_guest).toBe(true);
    const shown = await say('show me laptops under $800', 'e2e-guest', 'visitor-42');
    const first = shown.data.products![0]!;
    expect(first.price).toBeLessThanOrEqual(800);
    let add = await say('add the first one', 'e2e-guest', 'visitor-42');
    if (add.data.needs) add = await say(add.data.needs.colors[0]!, 'e2e-guest', 'visitor-42');
    expect(add.data.cart?.items[0]?.product_id).toBe(first.product_id);
    expect(add.cart_items_count).toBe(1);
  });

  it('keeps a conversation to its owner', async () => {
    await say('hi', 'e2e-owned', 'user123');
    await expect(say('hi', 'e2e-owned', 'customer001')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects bad input naming the field', async () => {
    await expect(say('   ', 'e2e-bad')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'message' },
    });
    await expect(say('x'.repeat(5000), 'e2e-bad')).rejects.toMatchObject({ details: { field: 'message' } });
  });

  it('bounds graph state, so a long conversation carries no more than a short one', async () => {
    const s = 'e2e-long';
    const sizes: number[] = [];
    for (let i = 0; i < 30; i++) {
      await say(i % 2 ? 'show me jackets' : 'what is in my cart', s);
      sizes.push(JSON.stringify(await ctx.engine.conversationState(s)).length);
    }
    // The transcript is in conversation storage, not in graph state.
    expect(await ctx.engine.conversationState(s)).not.toHaveProperty('history');
    expect(sizes[29]!).toBeLessThan(sizes[9]! * 1.1);
    expect((await ctx.storage.conversations.get(s))?.messages).toHaveLength(60);
  });

  it('processes concurrent messages of one conversation one at a time, losing none', async () => {
    const s = 'e2e-burst';
    await Promise.all(['hi', 'show me phones', 'what is in my cart', 'thanks'].map((m) => say(m, s)));
    const log = await ctx.storage.conversations.get(s);
    expect(log?.messages).toHaveLength(8);
    expect(log?.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([
      'hi',
      'show me phones',
      'what is in my cart',
      'thanks',
    ]);
  });

  it('degrades gracefully when an agent fails, and the conversation goes on', async () => {
    const s = 'e2e-fail';
    const search = ctx.storage.products.search;
    ctx.storage.products.search = async () => {
      throw new Error('disk on fire');
    };
    try {
      const r = await say('show me laptops', s);
      expect(r.has_errors).toBe(true);
      expect(r.response).toMatch(/something went wrong/i);
      expect(r.response).not.toContain('disk on fire');
    } finally {
      ctx.storage.products.search = search;
    }
    expect((await say('show me laptops', s)).has_errors).toBe(false);
  });

  it("keeps a message's first answer when a later request fails, and says which it didn't get to", async () => {
    const s = 'e2e-fail-two';
    await say('show me hoodies', s);
    await say('add the first one in black size M', s);
    const get = ctx.storage.customers.get;
    // The customer is read afresh for a message's second request: that read fails.
    ctx.storage.customers.get = async () => {
      throw new Error('disk on fire');
    };
    try {
      const r = await say(
        "what's in my cart and how many points do i have and what is your return policy",
        s,
      );
      expect(r.has_errors).toBe(true);
      expect(r.response).toMatch(/Your cart/i);
      expect(r.response).toMatch(/something went wrong/i);
      expect(r.response).toMatch(/I didn't get to "what is your return policy"/);
      expect(r.response).not.toContain('disk on fire');
    } finally {
      ctx.storage.customers.get = get;
    }
  });
});
