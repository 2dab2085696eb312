import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import { createTestContext } from '../../testing/test-context.js';
import { conversation } from '../../testing/conversation.js';

let ctx: AppContext;
const clock = new Date('2026-11-30T20:00:00Z');
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => clock });
});
afterAll(async () => ctx.close());

const chat = (userId: string) => conversation(ctx.engine, userId);

describe('saving for later', () => {
  it('saves the product shown, once, and lists it at today’s price', async () => {
    const say = chat('customer-wishlist');
    const shown = await say('show me hoodies');
    const second = shown.data.products?.[1];
    expect(second).toBeDefined();
    const saved = await say('save the second one for later');
    expect(saved.current_intent).toBe('save_for_later');
    const product = (await ctx.storage.products.get(second!.product_id))!;
    expect(saved.response).toBe(
      `Saved the ${product.name} ($${product.price.toFixed(2)} today) to your wishlist. Say "my wishlist" to see it.`,
    );
    expect((await say('save it for later')).response).toBe(
      `The ${product.name} is already on your wishlist.`,
    );
    const list = await say("what's on my wishlist");
    expect(list.current_intent).toBe('view_wishlist');
    expect(list.response).toContain(`1. ${product.name} - $${product.price.toFixed(2)}`);
    expect(await ctx.storage.wishlist.list('customer-wishlist')).toEqual([
      { product_id: product.product_id, saved_at: clock.toISOString() },
    ]);
    // Saving is not buying: the cart is untouched.
    expect((await ctx.storage.carts.get('customer-wishlist')).items).toEqual([]);
    // The list shown is the wishlist now: "the first one" is the first saved product, not the first hoodie.
    const added = await say('add the first one');
    expect(added.current_intent).toBe('add_to_cart');
    expect(added.response).toContain(product.name);
    expect(added.response).not.toContain(shown.data.products![0]!.name);
  });

  it('says the list is empty, and asks which product when none is in view', async () => {
    const say = chat('customer-no-wishlist');
    expect((await say('show my wishlist')).response).toMatch(/^Your wishlist is empty\./);
    expect((await say('save it for later')).response).toMatch(/^Which product should I save for later\?/);
  });

  it('serves one of two wishlist requests joined by "and also"', async () => {
    const say = chat('customer-wishlist-words');
    await say('show me hoodies');
    await say('tell me about the second one');
    // Two requests joined by "and also": one of them is served, rather than neither (both is still to do).
    expect(['save_for_later', 'view_wishlist']).toContain(
      (await say('can u save it for later and also show my wishlist')).current_intent,
    );
  });
});
