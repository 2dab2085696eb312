import type { Pg } from './database.js';
import { tsOperand } from './ts-query.js';

/**
 * A search term as the search matches and bm25 scores it: its tsquery operand, the stems it counts (a
 * prefix's stems when the catalogue holds few; null when many, counted by `prefix` in each product
 * instead), and how many products hold it.
 */
export interface ScoredTerm {
  operand: string;
  stems: string[] | null;
  prefix: string | null;
  found: number;
}

/** Stems a prefix is widened to at most; beyond, matching and counting go by the prefix itself. */
const MAX_STEMS = 16;

/** What bm25 needs to rank one search: the catalogue's size and words, and its terms. */
export interface RankedTerms {
  products: number;
  words: number;
  terms: ScoredTerm[];
  /** How many products are in the category searched in (its phrase is one of SQLite's terms). */
  inCategory: number | null;
}

/** Cached entries kept at most; the cache starts over beyond. */
const MAX_CACHED = 10_000;

/**
 * Resolves searched words into scored terms: stems from PostgreSQL's text search configuration, a
 * prefix widened to the stems the catalogue holds that start with it (bm25 counts each), and how many
 * products hold each term (its idf). Counting costs a pass over the matches, so what is found is cached
 * for the catalogue's version (which every product write changes): read once per search, it makes a
 * write by any process invalidate the cache at once.
 */
export function createTermResolver(pg: Pg) {
  let version = -1;
  const stems = new Map<string, string[]>();
  const terms = new Map<string, ScoredTerm>();
  const inCategory = new Map<string, number>();

  return async function resolve(
    words: readonly string[],
    prefix: boolean,
    category: string | null,
  ): Promise<RankedTerms> {
    const [stats] = await pg.query<{ products: number; words: number; version: number }>(
      'SELECT products, words, version FROM product_search_stats',
    );
    const current = stats ?? { products: 0, words: 0, version: 0 };
    if (current.version !== version || terms.size + stems.size + inCategory.size > MAX_CACHED) {
      version = current.version;
      stems.clear();
      terms.clear();
      inCategory.clear();
    }
    const unstemmed = [...new Set(words.filter((w) => !stems.has(w)))];
    if (unstemmed.length > 0) {
      const rows = await pg.query<{ word: string; stems: string[] }>(
        `SELECT word, tsvector_to_array(to_tsvector('shop_search', word)) AS stems FROM unnest($1::text[]) AS word`,
        [unstemmed],
      );
      for (const row of rows) stems.set(row.word, row.stems);
    }
    // A word the parser splits is several terms; only the very last stem is a prefix.
    const wanted = words.flatMap((w, i) =>
      (stems.get(w) ?? []).map((stem, j, all) => ({
        stem,
        prefix: prefix && i === words.length - 1 && j === all.length - 1,
      })),
    );
    const missing = wanted.filter((t) => !terms.has(tsOperand(t.stem, t.prefix)));
    if (missing.length > 0) {
      const rows = await pg.query<{
        key: string;
        stem: string;
        prefix: boolean;
        stems: string[];
        found: number;
      }>(
        `SELECT t.key, t.stem, t.prefix,
           CASE WHEN t.prefix
             THEN ARRAY(SELECT stem FROM search_stems WHERE stem LIKE t.pattern ORDER BY stem LIMIT ${MAX_STEMS + 1})
             ELSE ARRAY[t.stem] END AS stems,
           (SELECT count(*) FROM products WHERE search @@ t.key::tsquery) AS found
         FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) AS t (key, stem, pattern, prefix)`,
        [
          missing.map((t) => tsOperand(t.stem, t.prefix)),
          missing.map((t) => t.stem),
          missing.map((t) => `${t.stem.replaceAll(/[\\%_]/g, '\\$&')}%`),
          missing.map((t) => t.prefix),
        ],
      );
      for (const row of rows) {
        // A prefix the catalogue has few stems for is matched as those stems: exact lookups in the index
        // cost less than a prefix scan.
        const few = !row.prefix || (row.stems.length > 0 && row.stems.length <= MAX_STEMS);
        terms.set(row.key, {
          operand: few ? `(${row.stems.map((stem) => tsOperand(stem, false)).join(' | ')})` : row.key,
          stems: few ? row.stems : null,
          prefix: few ? null : row.stem,
          found: row.found,
        });
      }
    }
    if (category !== null && !inCategory.has(category)) {
      const [row] = await pg.query<{ n: number }>('SELECT count(*) AS n FROM products WHERE category = $1', [
        category,
      ]);
      inCategory.set(category, row?.n ?? 0);
    }
    return {
      products: current.products,
      words: current.words,
      terms: wanted.flatMap((t) => terms.get(tsOperand(t.stem, t.prefix)) ?? []),
      inCategory: category === null ? null : (inCategory.get(category) ?? 0),
    };
  };
}
