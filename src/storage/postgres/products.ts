import type { Product, ProductVariant } from '../../domain/types.js';
import type { ProductQuery, ProductStore } from '../ports.js';
import type { Pg, Query } from './database.js';
import { PRODUCT_COLUMNS, searchStatement } from './product-search.js';
import { createTermResolver, type RankedTerms } from './search-terms.js';
import { searchWords } from './search-words.js';

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

interface VariantRow {
  sku: string;
  product_id: string;
  color: string | null;
  size: string | null;
  price: number | null;
  compare_at_price: number | null;
}

const COLUMNS = PRODUCT_COLUMNS.join(', ');

const variantOf = (v: VariantRow): ProductVariant => ({
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
      product_id: row.product_id,
      name: row.name,
      description: row.description,
      price: row.price,
      category: row.category,
      brand: row.brand,
      status: row.status === 'inactive' ? 'inactive' : 'active',
      is_featured: row.is_featured,
      image_url: row.image_url,
      tags: row.tags,
      attributes: row.attributes,
      variants: variants.get(row.product_id) ?? [],
      rating: row.rating,
      popularity: row.popularity,
      created_at: row.created_at,
      updated_at: row.updated_at,
    }));
  }

  const resolve = createTermResolver(pg);
  const runSearch = (query: ProductQuery, ranked: RankedTerms | null, join: 'AND' | 'OR' = 'AND') => {
    const statement = searchStatement(query, ranked, join);
    return pg.query<ProductRow>(statement.text, statement.params);
  };

  async function upsert(query: Query, products: readonly Product[]): Promise<void> {
    const ids = products.map((p) => p.product_id);
    // Catalogue writes take turns on the totals' row, so that what these products counted before is
    // still so when the totals are moved by the difference (a product two imports both add is added once).
    await query('UPDATE product_search_stats SET version = version + 1');
    const [before] = await query<{ products: number; words: number }>(
      `SELECT count(*) AS products, coalesce(sum(search_words), 0) AS words FROM products
       WHERE product_id = ANY($1::text[])`,
      [ids],
    );
    // Out of the search index first, by the stems they held (the index is keyed by stem).
    await query(
      `DELETE FROM product_terms t USING (
         SELECT p.product_id, k.stem FROM products p, jsonb_object_keys(p.search_frequencies) AS k (stem)
         WHERE p.product_id = ANY($1::text[])
         UNION ALL
         SELECT product_id, '@' || category FROM products WHERE product_id = ANY($1::text[])) held
       WHERE t.stem = held.stem AND t.product_id = held.product_id`,
      [ids],
    );
    const written = await query<{ search_words: number }>(
      `INSERT INTO products (${COLUMNS})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[], $6::text[],
         $7::text[], $8::boolean[], $9::text[], $10::jsonb[], $11::jsonb[], $12::float8[], $13::int[],
         $14::text[], $15::text[])
       ON CONFLICT (product_id) DO UPDATE SET ${PRODUCT_COLUMNS.filter(
         (c) => c !== 'product_id' && c !== 'created_at',
       )
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}
       RETURNING search_words`,
      [
        ids,
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
    await query(
      `INSERT INTO product_terms (stem, product_id, frequency, words)
       SELECT f.key, p.product_id, f.value::int, p.search_words
       FROM products p, jsonb_each(p.search_frequencies) f WHERE p.product_id = ANY($1::text[])
       UNION ALL
       -- A product's category, once in its category field: weight 3, as in product_search_frequencies.
       SELECT '@' || p.category, p.product_id, 3, p.search_words FROM products p WHERE p.product_id = ANY($1::text[])`,
      [ids],
    );
    await query(
      `INSERT INTO search_stems (stem)
       SELECT DISTINCT jsonb_object_keys(search_frequencies) FROM products WHERE product_id = ANY($1::text[])
       ORDER BY 1 ON CONFLICT DO NOTHING`,
      [ids],
    );
    await query('UPDATE product_search_stats SET products = products + $1, words = words + $2', [
      products.length - (before?.products ?? 0),
      written.reduce((sum, r) => sum + r.search_words, 0) - (before?.words ?? 0),
    ]);
    await query('DELETE FROM product_variants WHERE product_id = ANY($1::text[])', [ids]);
    const variants = products.flatMap((p) =>
      p.variants.map((v: ProductVariant, position) => ({ ...v, product_id: p.product_id, position })),
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
      const chosen = text ? searchWords(text) : null;
      if (!chosen) return hydrate(await runSearch(query, null), variants);
      const ranked = await resolve(chosen.words, chosen.prefix, query.category ?? null);
      // Words PostgreSQL's parser finds no word in ('½') match nothing, as in SQLite.
      if (ranked.terms.length === 0) return [];
      // All words first; when nothing matches every word, any word, still ranked by relevance.
      const rows = await runSearch(query, ranked);
      return hydrate(rows.length > 0 ? rows : await runSearch(query, ranked, 'OR'), variants);
    },
    async upsertMany(products) {
      if (products.length === 0) return;
      // One product named twice keeps the last, as writing them in turn would.
      const last = [...new Map(products.map((p) => [p.product_id, p])).values()];
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
