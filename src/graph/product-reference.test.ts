import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import type { ProductCard } from '../agents/shared/product-card.js';
import { ONLINE_LOCATION, type Product } from '../domain/types.js';
import { createTestContext } from '../testing/test-context.js';
import { conversation } from '../testing/conversation.js';

// Which product a message means, through the whole turn on the sample shop: the one just discussed, or
// the one named in full, never a neighbour that shares a colour or a word of its name.
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
});
afterAll(async () => ctx.close());

const chat = (userId: string) => conversation(ctx.engine, userId);

/** A colour and size both products sell online, so "the black medium one" could mean either. */
async function sharedVariant(a: string, b: string) {
  const online = async (id: string) => {
    const product = (await ctx.storage.products.get(id))!;
    const stock = await ctx.storage.inventory.stockForProduct(id);
    return product.variants.filter((v) =>
      stock.some((s) => s.sku === v.sku && s.location_id === ONLINE_LOCATION && s.quantity > 0),
    );
  };
  const [first, second] = await Promise.all([online(a), online(b)]);
  return second.find((v) => first.some((w) => w.color === v.color && w.size === v.size)) ?? null;
}

describe('the product meant', () => {
  it('is the one just discussed when "the black medium one" could also be the first on the list', async () => {
    const say = chat('ref-one');
    const list = (await say('show me hoodies')).data.products as ProductCard[];
    await say('tell me more about the second one');
    const variant = await sharedVariant(list[0]!.product_id, list[1]!.product_id);
    expect(variant).not.toBeNull();
    const stock = await say(`is the ${variant!.color} ${variant!.size} one in stock?`);
    expect(stock.current_intent).toBe('inventory_check');
    expect(stock.response).toContain(list[1]!.name);
    expect(stock.response).not.toContain(list[0]!.name);
  });

  it('is the one named in full, not one on screen that shares words of its name', async () => {
    const say = chat('ref-two');
    const list = (await say('show me hoodies')).data.products as ProductCard[];
    const shownIds = new Set(list.map((p) => p.product_id));
    // A hoodie not on screen whose brand is, and whose name shares a word with one that is.
    const hoodies = await ctx.storage.products.search({ category: 'hoodies', limit: 100 });
    const words = (p: { name: string }) => new Set(p.name.toLowerCase().split(' '));
    let named: Product | undefined;
    for (const p of hoodies) {
      if (shownIds.has(p.product_id)) continue;
      const neighbour = list.find(
        (s) => s.brand === p.brand && [...words(s)].filter((w) => words(p).has(w)).length >= 3,
      );
      if (neighbour) {
        named = p;
        break;
      }
    }
    expect(named).toBeDefined();
    const variant = named!.variants[0]!;
    await ctx.storage.inventory.setStock([
      { sku: variant.sku, product_id: named!.product_id, location_id: ONLINE_LOCATION, quantity: 5 },
    ]);
    const added = await say(`add the ${named!.name} in ${variant.color}, size ${variant.size}`);
    expect(added.current_intent).toBe('add_to_cart');
    const cart = await ctx.storage.carts.get('ref-two');
    expect(cart.items.map((i) => i.product_id)).toEqual([named!.product_id]);
  });

  it.each(['tell me about the {brand} one', 'add the {brand} one', 'is the {brand} one in stock?'])(
    'is asked about, listing both, when a name fits two on screen: %s',
    async (wording) => {
      const userId = `ref-three-${wording.length}`;
      const say = chat(userId);
      const list = (await say('show me hoodies')).data.products as ProductCard[];
      const brand = list.find((p, i) => list.findIndex((q) => q.brand === p.brand) !== i)!.brand;
      const same = list.filter((p) => p.brand === brand);
      const r = await say(wording.replace('{brand}', brand));
      expect(r.response).toMatch(/^Which one do you mean: /);
      for (const p of same.slice(0, 4)) expect(r.response).toContain(p.name);
      expect((await ctx.storage.carts.get(userId)).items).toEqual([]);
    },
  );

  it('is the one named in full even when another name on screen contains it', async () => {
    const say = chat('ref-four');
    const list = (await say('show me tablets')).data.products as ProductCard[];
    const inside = list.filter((p) => list.some((q) => q !== p && q.name.startsWith(`${p.name} `)));
    expect(inside.length).toBeGreaterThan(0);
    for (const p of list.slice(0, 6)) {
      const r = await say(`tell me about the ${p.name}`);
      expect(r.data.product?.product_id, p.name).toBe(p.product_id);
    }
    const added = await say(`add the ${inside[0]!.name}`);
    expect(added.response).not.toMatch(/Which one do you mean/);
  });

  it.each(['add a {brand} umbrella', 'i want to add the {brand} umbrella'])(
    'is none when the shop has nothing of that name, never a neighbour of the same brand: %s',
    async (wording) => {
      const userId = `ref-five-${wording.length}`;
      const say = chat(userId);
      const [hoodie] = await ctx.storage.products.search({ category: 'hoodies', limit: 1 });
      const r = await say(wording.replace('{brand}', hoodie!.brand));
      expect(r.response).toMatch(/couldn't find a ".*umbrella" in our shop/i);
      expect((await ctx.storage.carts.get(userId)).items).toEqual([]);
    },
  );
});
