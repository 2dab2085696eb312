import { describe, expect, it } from 'vitest';
import type { Product } from '../../domain/types.js';
import { chooseOnCard, toProductCard, type VariantStock } from './product-card.js';

const v = (color: string | null, size: string | null, online: number, total = online): VariantStock => ({
  color,
  size,
  price: 50,
  online,
  total,
});

/** A hoodie in black and navy, XS to M: black M only in a store, navy M sold out everywhere. */
const hoodie = {
  variant_stock: [
    v('black', 'XS', 4),
    v('black', 'S', 3),
    v('black', 'M', 0, 6),
    v('navy', 'XS', 2),
    v('navy', 'S', 0, 0),
    v('navy', 'M', 0, 0),
  ],
};

describe('the colour and size a product card starts on', () => {
  it('is what the customer asked for, spelled as the catalogue spells it', () => {
    expect(chooseOnCard(hoodie, { size: 'xs' })).toEqual({ size: 'XS', unavailable: [] });
    expect(chooseOnCard(hoodie, { color: 'Navy', size: 'XS' })).toEqual({
      color: 'navy',
      size: 'XS',
      unavailable: [],
    });
  });

  it('is nothing when nothing asked is something the product varies by', () => {
    expect(chooseOnCard(hoodie, {})).toBeUndefined();
    const mug = { variant_stock: [v(null, null, 9)] };
    expect(chooseOnCard(mug, { color: 'black', size: 'M' })).toBeUndefined();
    // A colour asked of a product that only comes in sizes leaves the size choice alone.
    const tee = { variant_stock: [v(null, 'S', 1), v(null, 'M', 1)] };
    expect(chooseOnCard(tee, { color: 'red', size: 'M' })).toEqual({ size: 'M', unavailable: [] });
  });

  it('never chooses a size that can not be ordered: it says why instead', () => {
    // Black M is in a store, navy M nowhere: no M can be ordered online.
    expect(chooseOnCard(hoodie, { size: 'M' })).toEqual({
      unavailable: [{ option: 'size', value: 'M', reason: 'not_online' }],
    });
    expect(chooseOnCard(hoodie, { color: 'navy', size: 'M' })).toEqual({
      color: 'navy',
      unavailable: [{ option: 'size', value: 'M', reason: 'sold_out' }],
    });
    expect(chooseOnCard(hoodie, { size: 'XL' })).toEqual({
      unavailable: [{ option: 'size', value: 'XL', reason: 'not_made' }],
    });
  });

  it('keeps the size when the colour asked does not come in it, and names the colour', () => {
    // Navy S is sold out, black S orderable: size S stays chosen, navy is named as not to be had in S.
    expect(chooseOnCard(hoodie, { color: 'navy', size: 'S' })).toEqual({
      size: 'S',
      unavailable: [{ option: 'color', value: 'navy', reason: 'sold_out' }],
    });
    expect(chooseOnCard(hoodie, { color: 'red', size: 'S' })).toEqual({
      size: 'S',
      unavailable: [{ option: 'color', value: 'red', reason: 'not_made' }],
    });
  });

  it('chooses neither when neither can be ordered', () => {
    const gone = { variant_stock: [v('black', 'M', 0, 0), v('navy', 'L', 0, 3)] };
    expect(chooseOnCard(gone, { color: 'navy', size: 'M' })).toEqual({
      unavailable: [
        { option: 'size', value: 'M', reason: 'sold_out' },
        { option: 'color', value: 'navy', reason: 'not_online' },
      ],
    });
  });
});

describe('a product card', () => {
  it("carries every variant's units online and everywhere, out-of-stock ones too", () => {
    const product = {
      product_id: 'HOOD1',
      name: 'Hoodie',
      brand: 'B',
      category: 'hoodies',
      price: 50,
      image_url: '',
      rating: 4,
      is_featured: false,
      variants: [
        { sku: 'H-B-M', color: 'black', size: 'M' },
        { sku: 'H-B-L', color: 'black', size: 'L' },
      ],
    } as unknown as Product;
    const card = toProductCard(product, [{ sku: 'H-B-M', product_id: 'HOOD1', online: 2, total: 7 }]);
    expect(card.variant_stock).toEqual([v('black', 'M', 2, 7), v('black', 'L', 0, 0)]);
    expect(card.sizes).toEqual(['M']);
    expect(card).toMatchObject({ price: 50, price_varies: false });
    expect(card).not.toHaveProperty('compare_at_price');
  });

  it('shows the lowest price its variants sell at, and each variant its own, with a sale only from data', () => {
    const product = {
      product_id: 'ZIP1',
      name: 'Zip Lite Hoodie',
      price: 49,
      variants: [
        { sku: 'Z-S', color: 'black', size: 'S', compare_at_price: 49 },
        { sku: 'Z-M', color: 'black', size: 'M', price: 59 },
        { sku: 'Z-L', color: 'black', size: 'L', price: 64.5, compare_at_price: 79.99 },
      ],
    } as unknown as Product;
    const card = toProductCard(product, []);
    expect(card).toMatchObject({ price: 49, price_varies: true });
    expect(card).not.toHaveProperty('compare_at_price');
    expect(
      card.variant_stock.map(({ size, price, compare_at_price }) => [size, price, compare_at_price]),
    ).toEqual([
      ['S', 49, undefined],
      ['M', 59, undefined],
      ['L', 64.5, 79.99],
    ]);
    const sale = toProductCard({ ...product, variants: product.variants.slice(2) }, []);
    expect(sale).toMatchObject({ price: 64.5, compare_at_price: 79.99, price_varies: false });
  });
});
