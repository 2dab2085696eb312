import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import { ONLINE_LOCATION } from '../../domain/types.js';
import { createTestContext } from '../../testing/test-context.js';

// Buying an earlier order again, on the sample shop's past orders (src/data/sample-orders.ts): user123
// has two delivered orders and one on its way; others have only cancelled or lapsed ones.
let ctx: AppContext;
const clock = new Date('2026-11-30T20:00:00Z');
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => clock });
});
afterAll(async () => ctx.close());

const say = (userId: string, message: string) =>
  ctx.engine.processSalesConversation({ userId, channel: 'web', message });

describe('reorder', () => {
  it('puts the latest bought order back in the cart at today’s price', async () => {
    const latest = (await ctx.orders.get('ORD-5A3F0103'))!;
    const line = latest.items[0]!;
    const product = (await ctx.storage.products.get(line.product_id))!;
    const before =
      (await ctx.storage.carts.get('user123')).items.find((i) => i.sku === line.sku)?.quantity ?? 0;
    const result = await say('user123', 'can you reorder my last order please');
    expect(result.current_intent).toBe('reorder');
    expect(result.response).toContain('your order ORD-5A3F0103 from Nov 2');
    expect(result.response).toContain(`${line.quantity} x ${line.name}`);
    const cart = await ctx.storage.carts.get('user123');
    const added = cart.items.find((i) => i.sku === line.sku)!;
    expect(added.quantity).toBe(before + line.quantity);
    expect(added.price).toBe(product.price);
    expect(result.response).toMatch(/Your cart now holds \d+ items?, subtotal \$[\d,.]+\./);
    // Asked again, the order goes in once.
    const again = await say('user123', 'same again please');
    expect(again.current_intent).toBe('reorder');
    expect(again.response).toMatch(/^Everything from your order ORD-5A3F0103 .* is already in your cart\./);
    const after = await ctx.storage.carts.get('user123');
    expect(after.items.find((i) => i.sku === line.sku)!.quantity).toBe(before + line.quantity);
  });

  it('repeats the order named by its id, and says what is out of stock instead of adding it', async () => {
    const named = (await ctx.orders.get('ORD-5A3F0101'))!;
    const line = named.items[0]!;
    await ctx.storage.inventory.setStock([
      { sku: line.sku, product_id: line.product_id, location_id: ONLINE_LOCATION, quantity: 0 },
    ]);
    const result = await say('customer-reorder-check', 'reorder ORD-5A3F0101');
    // Someone else's order is not theirs to repeat.
    expect(result.response).toMatch(/can't find an order ORD-5A3F0101 of yours/);
    const own = await say('user123', 'order ORD-5A3F0101 again please');
    expect(own.current_intent).toBe('reorder');
    expect(own.response).toMatch(/^I couldn't put anything from your order ORD-5A3F0101/);
    expect(own.response).toContain(`${line.name}`);
    expect(own.response).toContain('out of stock online right now');
  });

  it('repeats nothing for a customer whose orders were cancelled or lapsed', async () => {
    const cancelled = (await ctx.orders.get('ORD-5A3F0301'))!;
    const result = await say(cancelled.user_id, 'same as my last order again pls');
    expect(result.current_intent).toBe('reorder');
    expect(result.response).toMatch(/^I don't see an earlier order of yours to repeat/);
    expect((await ctx.storage.carts.get(cancelled.user_id)).items).toEqual([]);
  });
});
