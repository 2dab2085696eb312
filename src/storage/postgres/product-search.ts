import type { ProductQuery } from '../ports.js';
import type { RankedTerms, ScoredTerm } from './search-terms.js';
import { tsQuery } from './ts-query.js';

/** The product's own columns, in the order they are written. */
export const PRODUCT_COLUMNS = [
  'product_id',
  'name',
  'description',
  'price',
  'category',
  'brand',
  'status',
  'is_featured',
  'image_url',
  'tags',
  'attributes',
  'rating',
  'popularity',
  'created_at',
  'updated_at',
] as const;
const SELECTED = PRODUCT_COLUMNS.map((c) => `p.${c}`).join(', ');

/** Best text matches considered before filters apply, as in SQLite. */
const TEXT_HITS = 200;
/** SQLite's bm25 constants (FTS5's): k1, b, and the category column's weight. */
const K1 = 1.2;
const B = 0.75;
const CATEGORY_WEIGHT = 3;

/** A constant in double precision, as SQLite computes bm25 (a bare `1.2` would be numeric). */
const float = (n: number) => `${n}::float8`;

/** What the search sends: the statement and its parameters. */
export interface SearchStatement {
  text: string;
  params: unknown[];
}

/**
 * The statement for one product search: text `ranked` matched all or any (`join`), or null to browse.
 * Filters are SQLite's. Text matches are ranked by SQLite's bm25 itself: FTS5's formula and constants,
 * each term's frequency weighted by field (name 5, brand 4, category 3, tags 2, description 1, stored
 * per stem), idf from how many products hold it, lengths in SQLite's words, and the searched category's
 * phrase as one more term when a category is given, as SQLite's query has it. The best 200 are filtered
 * and ordered by relevance, then featured, then popularity, then id.
 */
export function searchStatement(
  query: ProductQuery,
  ranked: RankedTerms | null,
  join: 'AND' | 'OR' = 'AND',
): SearchStatement {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ["p.status = 'active'"];
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
  if (!ranked) {
    return {
      text: `SELECT ${SELECTED} FROM products p WHERE ${where.join(' AND ')}
             ORDER BY p.is_featured DESC, p.popularity DESC, p.product_id LIMIT ${limit}`,
      params,
    };
  }

  const n = param(ranked.products);
  const avgdl = `(${param(ranked.words)}::float8 / greatest(${n}::float8, 1))`;
  // Each term's frequency once per product (OFFSET 0 keeps PostgreSQL from writing it out twice in the
  // score): the sum over the stems it stands for, one or a prefix's. Frequencies are whole numbers, read
  // as integers (a jsonb number read as float8 goes through text).
  const frequency = (t: ScoredTerm) =>
    t.stems === null
      ? `(SELECT coalesce(sum(value::int), 0) FROM jsonb_each(p.search_frequencies) WHERE starts_with(key, ${param(t.prefix)}))`
      : t.stems.length === 0
        ? '0'
        : t.stems.map((s) => `coalesce((p.search_frequencies -> ${param(s)})::int, 0)`).join(' + ');
  const frequencies = ranked.terms.map((t, i) => `(${frequency(t)})::float8 AS f${i}`);
  /** One term's part of the score at frequency `f`: FTS5's idf (floored as it floors it) times its tf part. */
  const part = (found: number, f: string) => {
    const d = param(found);
    const idf = `(CASE WHEN ${n}::float8 - ${d}::float8 + 0.5::float8 <= ${d}::float8 + 0.5::float8 THEN 1e-6::float8
      ELSE ln((${n}::float8 - ${d}::float8 + 0.5::float8) / (${d}::float8 + 0.5::float8)) END)`;
    return `${idf} * (${f} * ${float(K1 + 1)} / (${f} + ${float(K1)} * (${float(1 - B)} + ${float(B)} * p.search_words::float8 / ${avgdl})))`;
  };
  // In SQLite's order: the category's phrase first, then the words.
  const parts = [
    ...(category && ranked.inCategory !== null ? [part(ranked.inCategory, float(CATEGORY_WEIGHT))] : []),
    ...ranked.terms.map((t, i) => part(t.found, `f.f${i}`)),
  ];
  const match = param(
    tsQuery(
      ranked.terms.map((t) => t.operand),
      join,
    ),
  );
  return {
    text: `WITH hits AS (
             SELECT p.product_id, ${parts.join(' + ')} AS score
             FROM products p CROSS JOIN LATERAL (SELECT ${frequencies.join(', ')} OFFSET 0) f
             WHERE p.search @@ ${match}::tsquery${category ? ` AND p.category = ${category}` : ''}
             ORDER BY score DESC LIMIT ${TEXT_HITS})
           SELECT ${SELECTED} FROM hits JOIN products p ON p.product_id = hits.product_id
           WHERE ${where.join(' AND ')}
           ORDER BY hits.score DESC, p.is_featured DESC, p.popularity DESC, p.product_id LIMIT ${limit}`,
    params,
  };
}
