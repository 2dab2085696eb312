import { describe, expect, it } from 'vitest';
import { makeProduct } from '../testing/fixtures.js';
import { shownPrice, skuPrice, variantPrice } from './variant-price.js';

const hoodie = makeProduct({
  product_id: 'H1',
  price: 49,
  variants: [
    { sku: 'H1-S', color: 'black', size: 'S' },
    { sku: 'H1-M', color: 'black', size: 'M', price: 59, compare_at_price: 79 },
    { sku: 'H1-L', color: 'black', size: 'L', price: 59, compare_at_price: 59 },
    { sku: 'H1-XL', color: 'black', size: 'XL', price: null, compare_at_price: 45 },
  ],
});

describe('variant prices', () => {
  it("charges a variant's own price, else the product's", () => {
    expect(skuPrice(hoodie, 'H1-M')).toEqual({ price: 59, compare_at_price: 79 });
    expect(skuPrice(hoodie, 'H1-S')).toEqual({ price: 49, compare_at_price: null });
    expect(skuPrice(hoodie, 'GONE')).toEqual({ price: 49, compare_at_price: null });
  });

  it('shows a compare-at price only when it is above the price sold at', () => {
    expect(skuPrice(hoodie, 'H1-L').compare_at_price).toBeNull();
    expect(skuPrice(hoodie, 'H1-XL')).toEqual({ price: 49, compare_at_price: null });
    expect(variantPrice({ price: 10 }, { price: null, compare_at_price: 12.5 })).toEqual({
      price: 10,
      compare_at_price: 12.5,
    });
  });

  it("shows a product at its cheapest variant's price, saying when prices differ", () => {
    expect(shownPrice(hoodie)).toEqual({ price: 49, compare_at_price: null, varies: true });
    const sale = makeProduct({
      product_id: 'H2',
      price: 30,
      variants: [
        { sku: 'H2-A', color: 'red', size: null, price: 35 },
        { sku: 'H2-B', color: 'blue', size: null, price: 30, compare_at_price: 40 },
      ],
    });
    expect(shownPrice(sale)).toEqual({ price: 30, compare_at_price: 40, varies: true });
    expect(shownPrice(makeProduct({ product_id: 'P', price: 12 }))).toEqual({
      price: 12,
      compare_at_price: null,
      varies: false,
    });
    expect(shownPrice({ price: 8, variants: [] })).toEqual({
      price: 8,
      compare_at_price: null,
      varies: false,
    });
  });
});
