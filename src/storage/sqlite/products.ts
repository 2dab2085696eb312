import type { Statement } from 'better-sqlite3';
import type { Product, ProductVariant } from '../../domain/types.js';
import type { ProductQuery, ProductStore } from '../ports.js';
import { json, type Db } from './database.js';
import { ftsQuery } from './fts-query.js';

interface ProductRow {
  product_id: string;
  name: string;
  description: string;
  price: number;
  category: string;
  brand: string;
  status: string;
  is_featured: number;
  image_url: string;
  tags: string;
  attributes: string;
  rating: number;
  popularity: number;
  created_at: string;
  updated_at: string;
}

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

/** Best text matches considered before filters apply. */
const TEXT_HITS = 200;
/** Relevance with a word in the name counting most, then brand, category, tags and description. */
const BM25 = 'bm25(products_fts, 5.0, 4.0, 3.0, 1.0, 2.0)';

/** A variant as the domain holds it: a price key only where the variant has that price of its own. */
const variantOf = ({ sku, color, size, price, compare_at_price }: VariantRow): ProductVariant => ({
  sku,
  color,
  size,
  ...(price !== null ? { price } : {}),
  ...(compare_at_price !== null ? { compare_at_price } : {}),
});

export function createSqliteProductStore(db: Db): ProductStore {
  const getStmt = db.prepare<[string], ProductRow>('SELECT * FROM products WHERE product_id = ?');
  const manyStmt = db.prepare<[string], ProductRow>(
    'SELECT * FROM products WHERE product_id IN (SELECT value FROM json_each(?))',
  );
  const variantsStmt = db.prepare<[string], VariantRow>(
    'SELECT sku, product_id, color, size, price, compare_at_price FROM product_variants WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY product_id, position',
  );
  const upsertStmt = db.prepare(
    `INSERT INTO products (${COLUMNS}) VALUES (${COLUMNS.split(', ')
      .map((c) => `@${c}`)
      .join(', ')}) ON CONFLICT (product_id) DO UPDATE SET ${COLUMNS.split(', ')
      .filter((c) => c !== 'product_id' && c !== 'created_at')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`,
  );
  const deleteVariantsStmt = db.prepare('DELETE FROM product_variants WHERE product_id = ?');
  const insertVariantStmt = db.prepare(
    'INSERT INTO product_variants (sku, product_id, color, size, price, compare_at_price, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const categoriesStmt = db.prepare<[], { category: string; count: number }>(
    "SELECT category, count(*) AS count FROM products WHERE status = 'active' GROUP BY category ORDER BY category",
  );
  const brandsStmt = db.prepare<[], { brand: string }>('SELECT DISTINCT brand FROM products ORDER BY brand');
  const namesStmt = db.prepare<[], { name: string }>(
    "SELECT DISTINCT name FROM products WHERE status = 'active' ORDER BY name",
  );
  const countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM products');
  const searchCache = new Map<string, Statement>();

  function hydrate(rows: ProductRow[], withVariants = true): Product[] {
    if (rows.length === 0) return [];
    const variants = new Map<string, ProductVariant[]>();
    const ids = withVariants ? rows.map((r) => r.product_id) : [];
    for (const v of ids.length ? variantsStmt.all(JSON.stringify(ids)) : []) {
      const list = variants.get(v.product_id) ?? [];
      list.push(variantOf(v));
      variants.set(v.product_id, list);
    }
    return rows.map((row) => ({
      ...row,
      status: row.status === 'inactive' ? 'inactive' : 'active',
      is_featured: row.is_featured === 1,
      tags: json<string[]>(row.tags),
      attributes: json<Product['attributes']>(row.attributes),
      variants: variants.get(row.product_id) ?? [],
    }));
  }

  function runSearch(query: ProductQuery, match: string | null): ProductRow[] {
    const where = ["p.status = 'active'"];
    const params: (string | number)[] = [];
    if (match) params.push(match);
    if (query.category) {
      where.push('p.category = ?');
      params.push(query.category);
    }
    if (query.brand) {
      where.push('p.brand = ? COLLATE NOCASE');
      params.push(query.brand);
    }
    if (query.min_price !== undefined) {
      where.push('p.price >= ?');
      params.push(query.min_price);
    }
    if (query.max_price !== undefined) {
      where.push('p.price <= ?');
      params.push(query.max_price);
    }
    if (query.featured_only) where.push('p.is_featured = 1');
    if (query.exclude_ids?.length) {
      where.push('p.product_id NOT IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(query.exclude_ids));
    }
    const variantFilters: string[] = [];
    if (query.color) {
      variantFilters.push('v.color = ? COLLATE NOCASE');
      params.push(query.color);
    }
    if (query.size) {
      variantFilters.push('v.size = ? COLLATE NOCASE');
      params.push(query.size);
    }
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
    params.push(Math.max(1, Math.min(query.limit ?? 10, 200)));
    // Both paths do bounded work on a large catalogue. Text search ranks inside the FTS index first and
    // filters the best matches (CROSS JOIN keeps SQLite from scanning the category instead); browsing walks
    // the ranking index and stops once enough products pass the filters.
    const sql = match
      ? `WITH hits AS (SELECT rowid, ${BM25} AS rank FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT ${TEXT_HITS})
         SELECT ${SELECT_COLUMNS} FROM hits CROSS JOIN products p ON p.rowid = hits.rowid
         WHERE ${where.join(' AND ')}
         ORDER BY hits.rank, p.is_featured DESC, p.popularity DESC, p.product_id LIMIT ?`
      : `SELECT ${SELECT_COLUMNS} FROM products p INDEXED BY ${query.category ? 'products_category_ranking' : 'products_ranking'}
         WHERE ${where.join(' AND ')}
         ORDER BY p.is_featured DESC, p.popularity DESC LIMIT ?`;
    let stmt = searchCache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      searchCache.set(sql, stmt);
    }
    return stmt.all(...params) as ProductRow[];
  }

  const upsertMany = db.transaction((products: readonly Product[]) => {
    for (const p of products) {
      upsertStmt.run({
        ...p,
        is_featured: p.is_featured ? 1 : 0,
        tags: JSON.stringify(p.tags),
        attributes: JSON.stringify(p.attributes),
      });
      deleteVariantsStmt.run(p.product_id);
      p.variants.forEach((v, i) =>
        insertVariantStmt.run(
          v.sku,
          p.product_id,
          v.color,
          v.size,
          v.price ?? null,
          v.compare_at_price ?? null,
          i,
        ),
      );
    }
  });

  return {
    async get(productId) {
      const row = getStmt.get(productId);
      return row ? (hydrate([row])[0] ?? null) : null;
    },
    async getMany(productIds) {
      if (productIds.length === 0) return [];
      const byId = new Map(hydrate(manyStmt.all(JSON.stringify(productIds))).map((p) => [p.product_id, p]));
      return productIds.flatMap((id) => byId.get(id) ?? []);
    },
    async search(query) {
      const text = query.text?.trim();
      const variants = query.with_variants ?? true;
      const strict = text ? ftsQuery(text, 'AND', query.category) : null;
      if (!strict) return hydrate(runSearch(query, null), variants);
      // All words first; when nothing matches every word, any word, still ranked by relevance.
      const rows = runSearch(query, strict);
      return hydrate(
        rows.length > 0 ? rows : runSearch(query, ftsQuery(text ?? '', 'OR', query.category)),
        variants,
      );
    },
    async upsertMany(products) {
      upsertMany.immediate(products);
    },
    async categories() {
      return categoriesStmt.all();
    },
    async names() {
      return namesStmt.all().map((r) => r.name);
    },
    async brands() {
      return brandsStmt.all().map((r) => r.brand);
    },
    async count() {
      return countStmt.get()?.n ?? 0;
    },
  };
}
