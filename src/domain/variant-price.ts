import type { Product, ProductVariant } from './types.js';

/** What something sells at, and the price it sold at before a sale when it is on one. */
export interface UnitPrice {
  price: number;
  /** Shown struck through beside `price`; null unless the data holds one greater than `price`. */
  compare_at_price: number | null;
}

/** The price a product is shown at: its cheapest variant's, saying whether the variants' prices differ. */
export interface ShownPrice extends UnitPrice {
  /** The variants sell at different prices, so `price` is a "from" price. */
  varies: boolean;
}

type Priced = Pick<Product, 'price'>;
type VariantPrices = Pick<ProductVariant, 'price' | 'compare_at_price'>;

/**
 * A variant's unit price: its own, else the product's. Its compare-at price counts only when greater than
 * what it sells at, so a stale or equal one never makes a sale nobody is running.
 */
export function variantPrice(product: Priced, variant: VariantPrices | undefined): UnitPrice {
  const price = variant?.price ?? product.price;
  const before = variant?.compare_at_price ?? null;
  return { price, compare_at_price: before !== null && before > price ? before : null };
}

/**
 * The unit price of one of a product's SKUs: what a cart line of it is charged. A SKU the product no
 * longer lists sells at the product's price, as every SKU did before variants had prices of their own.
 */
export const skuPrice = (product: Pick<Product, 'price' | 'variants'>, sku: string): UnitPrice =>
  variantPrice(
    product,
    product.variants.find((v) => v.sku === sku),
  );

/**
 * The price a product is shown at: the lowest any of its variants sells at (a "from" price when they
 * differ), with that variant's compare-at price. A product without variants shows its own price.
 */
export function shownPrice(product: Pick<Product, 'price' | 'variants'>): ShownPrice {
  const prices = product.variants.map((v) => variantPrice(product, v));
  const lowest = prices.reduce<UnitPrice | undefined>(
    (best, p) => (!best || p.price < best.price ? p : best),
    undefined,
  );
  return {
    ...(lowest ?? variantPrice(product, undefined)),
    varies: new Set(prices.map((p) => p.price)).size > 1,
  };
}
