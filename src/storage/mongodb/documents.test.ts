import { describe, expect, it } from 'vitest';
import type { ProductVariant } from '../../domain/types.js';
import { makeCustomer, makeProduct, makeStore } from '../../testing/fixtures.js';
import {
  asJson,
  compare,
  customerDoc,
  productDoc,
  storeDoc,
  toCart,
  toCustomer,
  toProduct,
  toStockLevel,
  toStore,
  toVariant,
  variantDoc,
} from './documents.js';

describe('customer documents', () => {
  it('round-trip a customer, keyed by its id, with no undefined left for the driver to store as null', () => {
    const customer = makeCustomer({
      user_id: 'u1',
      location: { lat: 1, lng: 2 },
      shipping_address: { line1: '1 Main St', city: 'Oslo', postal_code: '0150', region: undefined },
      preferences: { brands: ['Acme'], budget_max: undefined },
    });
    const doc = customerDoc(customer);
    expect(doc._id).toBe('u1');
    expect(JSON.stringify(doc)).toBe(JSON.stringify(asJson(doc)));
    expect(doc.shipping_address).not.toHaveProperty('region');
    expect(doc.preferences).not.toHaveProperty('budget_max');
    expect(toCustomer(doc)).toEqual(customer);
    expect(toCustomer(doc)).not.toHaveProperty('_id');
  });

  it('read a customer without a saved address as one with none', () => {
    const { shipping_address: _none, ...customer } = makeCustomer({ user_id: 'u2' });
    expect(customerDoc(customer).shipping_address).toBeNull();
    expect(toCustomer(customerDoc(customer)).shipping_address).toBeNull();
  });
});

describe('product documents', () => {
  const hoodie = makeProduct({
    product_id: 'H1',
    brand: 'TrailSide',
    attributes: { material: 'cotton', weight: undefined as unknown as number },
    variants: [
      { sku: 'H1-BLU-M', color: 'Blue', size: 'M' },
      { sku: 'H1-ONE', color: null, size: null },
    ],
  });

  it('keep variants in order with case-free keys to match on, which never come back out', () => {
    const doc = productDoc(hoodie);
    expect(doc).toMatchObject({ _id: 'H1', brand_key: 'trailside' });
    expect(doc.variants).toEqual([
      { sku: 'H1-BLU-M', color: 'Blue', size: 'M', color_key: 'blue', size_key: 'm' },
      { sku: 'H1-ONE', color: null, size: null, color_key: null, size_key: null },
    ]);
    expect(doc.attributes).toEqual({ material: 'cotton' });
    const back = toProduct(doc);
    expect(back).toEqual({ ...hoodie, attributes: { material: 'cotton' } });
    expect(back).not.toHaveProperty('brand_key');
    expect(toProduct(doc, false).variants).toEqual([]);
  });

  it("keep a variant's own price and compare-at price, and add none to a variant without", () => {
    const priced = { sku: 'S', color: 'black', size: 'L', price: 64.5, compare_at_price: 79.99 };
    expect(toVariant(variantDoc(priced as ProductVariant))).toEqual(priced);
    const unpriced = { sku: 'S', color: 'black', size: 'L', price: null, compare_at_price: undefined };
    const back = toVariant(variantDoc(unpriced as unknown as ProductVariant));
    expect(back).toEqual({ sku: 'S', color: 'black', size: 'L' });
    expect(back).not.toHaveProperty('price');
    expect(back).not.toHaveProperty('compare_at_price');
  });

  it('read an inactive product as inactive and anything else as active', () => {
    expect(toProduct(productDoc({ ...hoodie, status: 'inactive' })).status).toBe('inactive');
  });
});

describe('stores, stock and carts', () => {
  it('round-trip a store and read stock without what it holds in reserve', () => {
    const store = makeStore({ store_id: 'SF1' });
    expect(storeDoc(store)._id).toBe('SF1');
    expect(toStore(storeDoc(store))).toEqual(store);
    expect(
      toStockLevel({ sku: 'A', product_id: 'P', location_id: 'online', quantity: 3, reserved: 2 }),
    ).toEqual({ sku: 'A', product_id: 'P', location_id: 'online', quantity: 3 });
  });

  it('read a cart no change has made as empty at version 0, and lines in the order they were added', () => {
    expect(toCart('u1', null)).toEqual({
      user_id: 'u1',
      items: [],
      version: 0,
      updated_at: new Date(0).toISOString(),
    });
    const line = (sku: string, added_at: string) => ({
      product_id: 'P',
      sku,
      name: 'P',
      quantity: 1,
      price: 9.5,
      color: null,
      size: null,
      added_at,
    });
    const cart = toCart('u1', {
      _id: 'u1',
      version: 3,
      updated_at: '2026-01-02T00:00:00.000Z',
      items: [line('B', '2026-01-02'), line('C', '2026-01-01'), line('A', '2026-01-02')],
    });
    expect(cart.items.map((i) => i.sku)).toEqual(['C', 'A', 'B']);
    expect(cart.version).toBe(3);
  });

  it('compare strings in binary order, as SQLite and MongoDB sort them', () => {
    expect(['b', 'B', 'a', 'Z'].sort(compare)).toEqual(['B', 'Z', 'a', 'b']);
  });
});
