import type { Product } from '../../domain/types.js';

export interface ProductQuery {
  /** Free text, matched against name, brand, category, description and tags. */
  text?: string;
  category?: string;
  brand?: string;
  color?: string;
  size?: string;
  min_price?: number;
  max_price?: number;
  featured_only?: boolean;
  /** Only products with at least one unit in any location. */
  in_stock_only?: boolean;
  exclude_ids?: string[];
  limit?: number;
  /** Load variants too (default true); ranking large candidate sets can skip them. */
  with_variants?: boolean;
}

/** The catalogue. Only active products are returned by `search`. */
export interface ProductStore {
  get(productId: string): Promise<Product | null>;
  getMany(productIds: readonly string[]): Promise<Product[]>;
  /** Text matches ranked by relevance, otherwise featured then popular first. */
  search(query: ProductQuery): Promise<Product[]>;
  /** Inserts or replaces products (with their variants) in one transaction. */
  upsertMany(products: readonly Product[]): Promise<void>;
  categories(): Promise<{ category: string; count: number }[]>;
  /** Brand names known to the catalogue, for understanding messages. */
  brands(): Promise<string[]>;
  /** Names of the products on sale, each once, for understanding messages ("the Zip Lite Hoodie"). */
  names(): Promise<string[]>;
  count(): Promise<number>;
}
