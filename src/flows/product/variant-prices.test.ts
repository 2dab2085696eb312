import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import type { ProductDetails } from '../../agents/recommendation/recommendation-agent.js';
import { ONLINE_LOCATION, type Product, type ProductVariant } from '../../domain/types.js';
import { conversation } from '../../testing/conversation.js';
import { createTestApp } from '../../testing/test-app.js';

// A sample hoodie whose second size sells at a price of its own, on sale: what the chat says and charges,
// and what the API shows, all from the catalogue's figures.
let ctx: AppContext;
let app: FastifyInstance;
let close: () => Promise<void>;
let hoodie: Product;
let dear: ProductVariant;
const usd = (amount: number) => `$${amount.toFixed(2)}`;

beforeAll(async () => {
  ({ ctx, app, close } = await createTestApp({}, { now: () => new Date('2026-11-30T20:00:00Z') }));
  const hoodies = await ctx.storage.products.search({ category: 'hoodies', limit: 100 });
  const sample = hoodies.find((p) => new Set(p.variants.map((v) => v.size)).size > 1)!;
  const [cheap, other] = [
    sample.variants[0]!,
    sample.variants.find((v) => v.size !== sample.variants[0]!.size)!,
  ];
  dear = { ...other, price: sample.price + 10, compare_at_price: sample.price + 30 };
  hoodie = { ...sample, variants: sample.variants.map((v) => (v.sku === dear.sku ? dear : v)) };
  await ctx.storage.products.upsertMany([hoodie]);
  await ctx.storage.inventory.setStock(
    [cheap, dear].map((v) => ({
      sku: v.sku,
      product_id: hoodie.product_id,
      location_id: ONLINE_LOCATION,
      quantity: 9,
    })),
  );
});
afterAll(async () => close());

describe('a variant with a price of its own', () => {
  it('is shown from the lowest price, and at its own, struck-through sale price included, when asked about', async () => {
    const say = conversation(ctx.engine, 'vp-details', 'cli');
    const about = await say(`tell me about the ${hoodie.name}`);
    expect(about.current_intent).toBe('product_details');
    expect(about.response).toContain(`${hoodie.name} by ${hoodie.brand} - from ${usd(hoodie.price)},`);

    const asked = await say(`tell me about the ${hoodie.name} in ${dear.color}, size ${dear.size}`);
    expect(asked.current_intent).toBe('product_details');
    expect(asked.response).toContain(
      `The ${hoodie.name} in ${dear.color}, size ${dear.size} is ${usd(dear.price!)} (was ${usd(dear.compare_at_price!)}).`,
    );
  });

  it('is added to the cart at its own price', async () => {
    const say = conversation(ctx.engine, 'vp-add', 'cli');
    const added = await say(`add the ${hoodie.name} in ${dear.color}, size ${dear.size}`);
    expect(added.current_intent).toBe('add_to_cart');
    expect(added.response).toContain(`at ${usd(dear.price!)} each`);
    const cart = await ctx.storage.carts.get('vp-add');
    expect(cart.items.map((i) => [i.sku, i.price])).toEqual([[dear.sku, dear.price]]);
  });

  it('has its price and sale price in the API, and the product its lowest', async () => {
    const details = (await app.inject({ url: `/api/products/${hoodie.product_id}` })).json<ProductDetails>();
    expect(details).toMatchObject({ price: hoodie.price, price_varies: true });
    expect(details).not.toHaveProperty('compare_at_price');
    expect(details.variant_stock).toContainEqual(
      expect.objectContaining({
        color: dear.color,
        size: dear.size,
        price: dear.price,
        compare_at_price: dear.compare_at_price,
      }),
    );
    expect(details.variants.find((v) => v.sku === dear.sku)).toMatchObject({
      price: dear.price,
      compare_at_price: dear.compare_at_price,
    });
  });
});
