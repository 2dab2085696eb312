import type { ProductQuery } from '../ports.js';
import type { RankedTerms, ScoredTerm } from './search-terms.js';

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
/** SQLite's bm25 constants (FTS5's defaults). */
const K1 = 1.2;
const B = 0.75;

/** A constant in double precision, as SQLite computes bm25 (a bare `1.2` would be numeric). */
const float = (n: number) => `${n}::float8`;

/** What the search sends: the statement and its parameters. */
export interface SearchStatement {
  text: string;
  params: unknown[];
}

/**
 * The statement for one product search: `ranked` terms matched all or any (`join`), or null to browse.
 * Filters are SQLite's. Text matches are ranked by SQLite's bm25 itself: FTS5's formula and constants,
 * each term's frequency weighted by field (name 5, brand 4, category 3, tags 2, description 1), idf from
 * how many products hold it, lengths in SQLite's words, and the searched category as one more term (a
 * product's category counts 3, as its phrase in SQLite's category column does). The best 200 are
 * filtered and ordered by relevance, then featured, then popularity, then id.
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
  /** One stem's products, with its frequency in each and their length, in product order. */
  const holdingStem = (stem: string) =>
    `SELECT product_id, words, frequency AS f FROM product_terms WHERE stem = ${param(stem)}`;
  /** A term's products, with its frequency in each (a prefix's summed over its stems) and their length. */
  const holding = (t: ScoredTerm) =>
    t.stems?.length === 1
      ? holdingStem(t.stems[0]!)
      : `SELECT product_id, max(words) AS words, sum(frequency) AS f FROM product_terms
         WHERE stem LIKE ${param(t.pattern)} GROUP BY product_id`;
  /** One term's part of the score at frequency `f`: FTS5's idf (floored as it floors it) times its tf part. */
  const part = (found: number, f: string, words: string) => {
    const d = param(found);
    const idf = `(CASE WHEN ${n}::float8 - ${d}::float8 + 0.5::float8 <= ${d}::float8 + 0.5::float8 THEN 1e-6::float8
      ELSE ln((${n}::float8 - ${d}::float8 + 0.5::float8) / (${d}::float8 + 0.5::float8)) END)`;
    const tf = `${f}::float8`;
    return `${idf} * (${tf} * ${float(K1 + 1)} / (${tf} + ${float(K1)} * (${float(1 - B)} + ${float(B)} * ${words}::float8 / ${avgdl})))`;
  };
  // Every word (AND): the terms' products joined, merging scans in product order. Any word (OR): each
  // product's frequency of each term gathered, 0 for a term it lacks (which adds 0, as in SQLite), joined
  // to the category's products when searched in. Parts are added in SQLite's order: category, then words.
  const searchedIn = ranked.category;
  let from: string;
  let parts: string[];
  let driver = 't0';
  let held = '';
  if (join === 'AND') {
    // Joined to the first one-stem term (the category's when searched in); a prefix of a few stems is
    // looked up stem by stem beside it, cheaper than summing its products by grouping.
    const sources = [...(searchedIn ? [searchedIn] : []), ...ranked.terms];
    const first = Math.max(
      0,
      sources.findIndex((t) => t.stems?.length === 1),
    );
    const joins: string[] = [`(${holding(sources[first]!)}) t${first}`];
    const anyOf: string[] = [];
    const frequency = sources.map((t, i) => {
      if (i === first || t.stems === null || t.stems.length <= 1) {
        if (i !== first) joins.push(`JOIN (${holding(t)}) t${i} ON t${i}.product_id = t${first}.product_id`);
        return `t${i}.f`;
      }
      const each = t.stems.map((stem, j) => {
        joins.push(
          `LEFT JOIN (${holdingStem(stem)}) t${i}_${j} ON t${i}_${j}.product_id = t${first}.product_id`,
        );
        return `t${i}_${j}`;
      });
      anyOf.push(`(${each.map((e) => `${e}.product_id IS NOT NULL`).join(' OR ')})`);
      return `(${each.map((e) => `coalesce(${e}.f, 0)`).join(' + ')})`;
    });
    from = joins.join('\n             ');
    if (anyOf.length > 0) held = `WHERE ${anyOf.join(' AND ')}`;
    parts = sources.map((t, i) => part(t.found, frequency[i]!, `t${first}.words`));
    driver = `t${first}`;
  } else {
    const gathered = ranked.terms
      .map((t, i) => `SELECT ${i} AS i, product_id, words, f FROM (${holding(t)}) h${i}`)
      .join(' UNION ALL ');
    const columns = ranked.terms
      .map((_, i) => `coalesce(sum(f) FILTER (WHERE i = ${i}), 0) AS f${i}`)
      .join(', ');
    from = `(SELECT product_id, max(words) AS words, ${columns} FROM (${gathered}) u GROUP BY product_id) t0`;
    if (searchedIn) from += ` JOIN (${holding(searchedIn)}) c ON c.product_id = t0.product_id`;
    parts = [
      ...(searchedIn ? [part(searchedIn.found, 'c.f', 't0.words')] : []),
      ...ranked.terms.map((t, i) => part(t.found, `t0.f${i}`, 't0.words')),
    ];
  }
  return {
    text: `WITH hits AS (
             SELECT ${driver}.product_id, ${parts.join(' + ')} AS score
             FROM ${from}
             ${held}
             ORDER BY score DESC LIMIT ${TEXT_HITS})
           SELECT ${SELECTED} FROM hits JOIN products p ON p.product_id = hits.product_id
           WHERE ${where.join(' AND ')}
           ORDER BY hits.score DESC, p.is_featured DESC, p.popularity DESC, p.product_id LIMIT ${limit}`,
    params,
  };
}
