import { beforeEach, describe, expect, it } from 'vitest';
import { ONLINE_LOCATION } from '../../domain/types.js';
import type { Storage } from '../../storage/ports.js';
import { createSqliteStorage } from '../../storage/sqlite/index.js';
import { makeCustomer, makeProduct, stock } from '../../testing/fixtures.js';
import { createRecommendationAgent, type RecommendationAgent } from './recommendation-agent.js';

const products = [
  makeProduct({
    product_id: 'L1',
    name: 'Northwind ProBook Laptop',
    brand: 'Northwind',
    price: 1299,
    tags: ['work'],
    popularity: 10,
  }),
  makeProduct({
    product_id: 'L2',
    name: 'Vertex Gaming Laptop',
    brand: 'Vertex',
    price: 1899,
    tags: ['gaming'],
    popularity: 500,
  }),
  makeProduct({
    product_id: 'L3',
    name: 'Lumen AirLite Laptop',
    brand: 'Lumen',
    price: 799,
    popularity: 50,
    is_featured: true,
  }),
  makeProduct({ product_id: 'L4', name: 'Sold Out Laptop', brand: 'Lumen', price: 499, popularity: 900 }),
  makeProduct({
    product_id: 'H1',
    name: 'Cloud Hoodie',
    category: 'hoodies',
    brand: 'Velo',
    price: 59,
    variants: [
      { sku: 'H1-BLUE-M', color: 'blue', size: 'M' },
      { sku: 'H1-RED-L', color: 'red', size: 'L' },
    ],
  }),
];

describe('recommendation agent', () => {
  let storage: Storage;
  let agent: RecommendationAgent;
  beforeEach(async () => {
    storage = await createSqliteStorage(':memory:');
    await storage.products.upsertMany(products);
    await storage.inventory.setStock([
      ...products.filter((p) => p.product_id !== 'L4').map((p) => stock(p, ONLINE_LOCATION, 10)),
      stock(products[4]!, ONLINE_LOCATION, 0, 1),
      stock(products[3]!, ONLINE_LOCATION, 0),
    ]);
    agent = createRecommendationAgent({ ...storage, settings: { max_recommendations: 10 } });
  });

  it('filters by category and price and never shows out-of-stock products', async () => {
    const r = await agent.recommend({
      customer: null,
      filters: { categories: ['laptops'], max_price: 1500 },
    });
    expect(r.products.map((p) => p.product_id).sort()).toEqual(['L1', 'L3']);
    expect(r.relaxed).toEqual([]);
  });

  it('filters by colour and size against variants that are in stock', async () => {
    const blue = await agent.recommend({ customer: null, filters: { color: 'blue', size: 'M' } });
    expect(blue.products.map((p) => p.product_id)).toEqual(['H1']);
    expect(blue.products[0]).toMatchObject({ colors: ['blue'], sizes: ['M'] });
    const red = await agent.recommend({ customer: null, filters: { categories: ['hoodies'], color: 'red' } });
    expect(red.relaxed).toEqual(['color']);
  });

  it("ranks by the customer's purchases and says why", async () => {
    const customer = makeCustomer({
      user_id: 'u',
      past_purchases: [
        {
          product_id: 'X',
          name: 'Northwind Headphones',
          category: 'headphones',
          brand: 'Northwind',
          price: 99,
          quantity: 1,
          purchased_at: '2026-01-01',
        },
      ],
    });
    const r = await agent.recommend({ customer, filters: { categories: ['laptops'] } });
    expect(r.products[0]).toMatchObject({
      product_id: 'L1',
      reason: 'because you bought the Northwind Headphones',
    });
    const anonymous = await agent.recommend({ customer: null, filters: { categories: ['laptops'] } });
    expect(anonymous.products[0]?.product_id).not.toBe('L1');
  });

  it('searches text and falls back to popular picks with no filters', async () => {
    expect(
      (await agent.recommend({ customer: null, filters: { text: 'gaming' } })).products[0]?.product_id,
    ).toBe('L2');
    const popular = await agent.recommend({ customer: null, filters: {} });
    expect(popular.fallback).toBe(true);
    expect(popular.products.length).toBe(4);
  });

  it('caps the list at the configured maximum', async () => {
    const small = createRecommendationAgent({ ...storage, settings: { max_recommendations: 2 } });
    expect((await small.recommend({ customer: null, filters: {}, limit: 5 })).products).toHaveLength(2);
  });

  it('gives details with per-variant stock', async () => {
    const d = await agent.details('H1');
    expect(d?.variants).toEqual([
      { sku: 'H1-BLUE-M', color: 'blue', size: 'M', quantity: 10 },
      { sku: 'H1-RED-L', color: 'red', size: 'L', quantity: 0 },
    ]);
    expect(await agent.details('nope')).toBeNull();
  });
});
