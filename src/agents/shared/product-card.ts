import type { Product, SkuStock } from '../../domain/types.js';

/** Units at or below which a product is shown as running low. */
export const LOW_STOCK = 5;

/** What a UI needs to draw a product: catalogue facts plus live availability. */
export interface ProductCard {
  product_id: string;
  name: string;
  brand: string;
  category: string;
  price: number;
  image_url: string;
  rating: number;
  is_featured: boolean;
  /** Colours and sizes with at least one unit anywhere. */
  colors: string[];
  sizes: string[];
  online_quantity: number;
  total_quantity: number;
  low_stock: boolean;
  reason?: string;
}

export function toProductCard(product: Product, totals: readonly SkuStock[]): ProductCard {
  const bySku = new Map(totals.filter((t) => t.product_id === product.product_id).map((t) => [t.sku, t]));
  let online = 0;
  let total = 0;
  for (const t of bySku.values()) {
    online += t.online;
    total += t.total;
  }
  const stocked = product.variants.filter((v) => (bySku.get(v.sku)?.total ?? 0) > 0);
  return {
    product_id: product.product_id,
    name: product.name,
    brand: product.brand,
    category: product.category,
    price: product.price,
    image_url: product.image_url,
    rating: product.rating,
    is_featured: product.is_featured,
    colors: unique(stocked.map((v) => v.color)),
    sizes: unique(stocked.map((v) => v.size)),
    online_quantity: online,
    total_quantity: total,
    low_stock: total > 0 && total <= LOW_STOCK,
  };
}

const unique = (values: (string | null)[]): string[] => [
  ...new Set(values.filter((v): v is string => v !== null)),
];
