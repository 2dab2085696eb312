import type { Product, ProductVariant } from '../../domain/types.js';
import type { ProductQuery, ProductStore } from '../ports.js';
import type { Pg, Query } from './database.js';
import { tsQuery } from './ts-query.js';

interface ProductRow {
  product_id: string;
  name: string;
  description: string;
  price: number;
  category: string;
  brand: string;
  status: string;
  is_featured: boolean;
  image_url: string;
  tags: string[];
  attributes: Product['attributes'];
  rating: number;
  popularity: number;
  created_at: string;
  updated_at: string;
}

/**
 * A variant as stored: its own price and compare-at price when it has them (null when it sells at the
 * product's price). Kept local until `ProductVariant` names them.
 */
type StoredVariant = ProductVariant & { price?: number | null; compare_at_price?: number | null };

interface VariantRow {
  sku: string;
  product_id: string;
  color: string | null;
  size: string | null;
  price: number | null;
  compare_at_price: number | null;
}

const COLUMNS =
  'product_id, name, description, price, category, brand, status, is_featured, image_url, tags, attributes, rating, popularity, created_at, updated_at';
const SELECT_COLUMNS = COLUMNS.split(', ')
  .map((c) => `p.${c}`)
  .join(', ');

/** Best text matches considered before filters apply, as in SQLite. */
const TEXT_HITS = 200;
/**
 * Relevance: ts_rank with a word in the name counting most, then brand, category, tags and description
 * (weights for D, C, B, A), divided by the document's length as bm25 does.
 */
const RANK = "ts_rank('{0.1, 0.6, 0.8, 1.0}', p.search, q, 1)";

const variantOf = (v: VariantRow): StoredVariant => ({
  sku: v.sku,
  color: v.color,
  size: v.size,
  ...(v.price !== null ? { price: v.price } : {}),
  ...(v.compare_at_price !== null ? { compare_at_price: v.compare_at_price } : {}),
});

export function createPgProductStore(pg: Pg): ProductStore {
  async function hydrate(rows: ProductRow[], withVariants = true): Promise<Product[]> {
    if (rows.length === 0) return [];
    const variants = new Map<string, ProductVariant[]>();
    if (withVariants) {
      const found = await pg.query<VariantRow>(
        `SELECT sku, product_id, color, size, price, compare_at_price FROM product_variants
         WHERE product_id = ANY($1::text[]) ORDER BY product_id, position`,
        [rows.map((r) => r.product_id)],
      );
      for (const v of found) {
        const list = variants.get(v.product_id) ?? [];
        list.push(variantOf(v));
        variants.set(v.product_id, list);
      }
    }
    return rows.map((row) => ({
      ...row,
      status: row.status === 'inactive' ? 'inactive' : 'active',
      variants: variants.get(row.product_id) ?? [],
    }));
  }

  function runSearch(query: ProductQuery, match: string | null): Promise<ProductRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ["p.status = 'active'"];
    const text = match ? param(match) : null;
    const category = query.category ? param(query.category) : null;
    if (category) where.push(`p.category = ${category}`);
    if (query.brand) where.push(`lower(p.brand) = lower(${param(query.brand)})`);
    if (query.min_price !== undefined) where.push(`p.price >= ${param(query.min_price)}`);
    if (query.max_price !== undefined) where.push(`p.price <= ${param(query.max_price)}`);
    if (query.featured_only) where.push('p.is_featured');
    if (query.exclude_ids?.length) where.push(`p.product_id <> ALL(${param(query.exclude_ids)}::text[])`);
    const variantFilters: string[] = [];
    if (query.color) variantFilters.push(`lower(v.color) = lower(${param(query.color)})`);
    if (query.size) variantFilters.push(`lower(v.size) = lower(${param(query.size)})`);
    if (variantFilters.length > 0) {
      const stockCheck = query.in_stock_only
        ? ' AND EXISTS (SELECT 1 FROM stock s WHERE s.sku = v.sku AND s.quantity > 0)'
        : '';
      where.push(
        `EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.product_id AND ${variantFilters.join(' AND ')}${stockCheck})`,
      );
    } else if (query.in_stock_only) {
      where.push('EXISTS (SELECT 1 FROM stock s WHERE s.product_id = p.product_id AND s.quantity > 0)');
    }
    const limit = param(Math.max(1, Math.min(query.limit ?? 10, 200)));
    // As in SQLite: text search ranks the best matches first and filters those; browsing walks the
    // ranking index and stops once enough products pass the filters.
    const sql = text
      ? `WITH hits AS (
           SELECT p.product_id, ${RANK} AS rank
           FROM products p, to_tsquery('shop_search', ${text}) q
           WHERE p.search @@ q${category ? ` AND p.category = ${category}` : ''}
           ORDER BY rank DESC LIMIT ${TEXT_HITS})
         SELECT ${SELECT_COLUMNS} FROM hits JOIN products p ON p.product_id = hits.product_id
         WHERE ${where.join(' AND ')}
         ORDER BY hits.rank DESC, p.is_featured DESC, p.popularity DESC, p.product_id LIMIT ${limit}`
      : `SELECT ${SELECT_COLUMNS} FROM products p WHERE ${where.join(' AND ')}
         ORDER BY p.is_featured DESC, p.popularity DESC, p.product_id LIMIT ${limit}`;
    return pg.query<ProductRow>(sql, params);
  }

  async function upsert(query: Query, products: readonly Product[]): Promise<void> {
    await query(
      `INSERT INTO products (${COLUMNS})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[], $6::text[],
         $7::text[], $8::boolean[], $9::text[], $10::jsonb[], $11::jsonb[], $12::float8[], $13::int[],
         $14::text[], $15::text[])
       ON CONFLICT (product_id) DO UPDATE SET ${COLUMNS.split(', ')
         .filter((c) => c !== 'product_id' && c !== 'created_at')
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
      [
        products.map((p) => p.product_id),
        products.map((p) => p.name),
        products.map((p) => p.description),
        products.map((p) => p.price),
        products.map((p) => p.category),
        products.map((p) => p.brand),
        products.map((p) => p.status),
        products.map((p) => p.is_featured),
        products.map((p) => p.image_url),
        products.map((p) => JSON.stringify(p.tags)),
        products.map((p) => JSON.stringify(p.attributes)),
        products.map((p) => p.rating),
        products.map((p) => p.popularity),
        products.map((p) => p.created_at),
        products.map((p) => p.updated_at),
      ],
    );
    await query('DELETE FROM product_variants WHERE product_id = ANY($1::text[])', [
      products.map((p) => p.product_id),
    ]);
    const variants = products.flatMap((p) =>
      p.variants.map((v: StoredVariant, position) => ({ ...v, product_id: p.product_id, position })),
    );
    if (variants.length === 0) return;
    await query(
      `INSERT INTO product_variants (sku, product_id, color, size, price, compare_at_price, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::int[])`,
      [
        variants.map((v) => v.sku),
        variants.map((v) => v.product_id),
        variants.map((v) => v.color),
        variants.map((v) => v.size),
        variants.map((v) => v.price ?? null),
        variants.map((v) => v.compare_at_price ?? null),
        variants.map((v) => v.position),
      ],
    );
  }

  return {
    async get(productId) {
      const rows = await pg.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE product_id = $1`, [
        productId,
      ]);
      return (await hydrate(rows))[0] ?? null;
    },
    async getMany(productIds) {
      if (productIds.length === 0) return [];
      const rows = await pg.query<ProductRow>(
        `SELECT ${COLUMNS} FROM products WHERE product_id = ANY($1::text[])`,
        [productIds],
      );
      const byId = new Map((await hydrate(rows)).map((p) => [p.product_id, p]));
      return productIds.flatMap((id) => byId.get(id) ?? []);
    },
    async search(query) {
      const text = query.text?.trim();
      const variants = query.with_variants ?? true;
      const strict = text ? tsQuery(text, 'AND', query.category) : null;
      if (!strict) return hydrate(await runSearch(query, null), variants);
      // All words first; when nothing matches every word, any word, still ranked by relevance.
      const rows = await runSearch(query, strict);
      return hydrate(
        rows.length > 0 ? rows : await runSearch(query, tsQuery(text ?? '', 'OR', query.category)),
        variants,
      );
    },
    async upsertMany(products) {
      if (products.length === 0) return;
      // One product named twice keeps the last, as writing them in turn would; rows are locked in id
      // order, so two imports overlapping do not deadlock.
      const last = [...new Map(products.map((p) => [p.product_id, p])).values()].sort((a, b) =>
        a.product_id < b.product_id ? -1 : 1,
      );
      await pg.tx((query) => upsert(query, last));
    },
    async categories() {
      return pg.query<{ category: string; count: number }>(
        `SELECT category, count(*) AS count FROM products WHERE status = 'active'
         GROUP BY category ORDER BY category COLLATE "C"`,
      );
    },
    async names() {
      const rows = await pg.query<{ name: string }>(
        `SELECT DISTINCT name COLLATE "C" AS name FROM products WHERE status = 'active' ORDER BY 1`,
      );
      return rows.map((r) => r.name);
    },
    async brands() {
      const rows = await pg.query<{ brand: string }>(
        'SELECT DISTINCT brand COLLATE "C" AS brand FROM products ORDER BY 1',
      );
      return rows.map((r) => r.brand);
    },
    async count() {
      return (await pg.query<{ n: number }>('SELECT count(*) AS n FROM products'))[0]?.n ?? 0;
    },
  };
}
