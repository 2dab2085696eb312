import type { Pg } from './database.js';
import { prefixPattern } from './search-words.js';

/**
 * A search term as the search finds it in product_terms: its stems (one; or those a last word's prefix
 * stands for, null when more than `MAX_STEMS`), the LIKE `pattern` standing for them all, and how many
 * products hold it.
 */
export interface ScoredTerm {
  stems: string[] | null;
  pattern: string;
  found: number;
}

/** Stems a prefix is looked up as one by one at most; beyond, by its pattern. */
export const MAX_STEMS = 16;

/** What bm25 needs to rank one search: the catalogue's size and words, and its terms. */
export interface RankedTerms {
  products: number;
  words: number;
  terms: ScoredTerm[];
  /** The category searched in, as a term: SQLite's query scores its phrase too. */
  category: ScoredTerm | null;
}

/** Cached entries kept at most; the cache starts over beyond. */
const MAX_CACHED = 10_000;

/**
 * Resolves searched words into terms: stems from PostgreSQL's text search configuration, a prefix
 * standing for the stems the catalogue holds that start with it, and how many products hold each (its
 * idf). Counting costs a pass over a term's products, so what is found is cached for the catalogue's
 * version, which every product write changes and every search reads first: a write by any process
 * invalidates the cache at once.
 */
export function createTermResolver(pg: Pg) {
  let version = -1;
  const stems = new Map<string, string[]>();
  const terms = new Map<string, ScoredTerm>();

  return async function resolve(
    words: readonly string[],
    prefix: boolean,
    category: string | null,
  ): Promise<RankedTerms> {
    const [stats] = await pg.query<{ products: number; words: number; version: number }>(
      'SELECT products, words, version FROM product_search_stats',
    );
    const current = stats ?? { products: 0, words: 0, version: 0 };
    if (current.version !== version || terms.size + stems.size > MAX_CACHED) {
      version = current.version;
      stems.clear();
      terms.clear();
    }
    // What this search uses is held here: another search seeing a newer version may empty the cache
    // while this one waits on the database. What it finds is cached only while its version is the latest.
    const latest = () => version === current.version;

    const wordStems = new Map(words.flatMap((w) => (stems.has(w) ? [[w, stems.get(w) ?? []] as const] : [])));
    const unstemmed = [...new Set(words.filter((w) => !wordStems.has(w)))];
    if (unstemmed.length > 0) {
      const rows = await pg.query<{ word: string; stems: string[] }>(
        `SELECT word, tsvector_to_array(to_tsvector('shop_search', word)) AS stems FROM unnest($1::text[]) AS word`,
        [unstemmed],
      );
      for (const row of rows) {
        wordStems.set(row.word, row.stems);
        if (latest()) stems.set(row.word, row.stems);
      }
    }
    // A word the parser splits is several terms; only the very last stem is a prefix.
    const wanted = [
      ...(category === null ? [] : [{ stem: `@${category}`, prefix: false }]),
      ...words.flatMap((w, i) =>
        (wordStems.get(w) ?? []).map((stem, j, all) => ({
          stem,
          prefix: prefix && i === words.length - 1 && j === all.length - 1,
        })),
      ),
    ].map((t) => ({ ...t, key: `${t.prefix ? '*' : '='}${t.stem}` }));
    const scored = new Map(
      wanted.flatMap((t) => (terms.has(t.key) ? [[t.key, terms.get(t.key)!] as const] : [])),
    );
    const missing = wanted.filter((t) => !scored.has(t.key));
    if (missing.length > 0) {
      // A prefix's products holding several of its stems count once.
      const rows = await pg.query<{ key: string; stems: string[]; pattern: string; found: number }>(
        `WITH t AS (
           SELECT t.key, t.pattern, CASE WHEN t.prefix
               THEN ARRAY(SELECT stem FROM search_stems WHERE stem LIKE t.pattern ORDER BY stem LIMIT ${MAX_STEMS + 1})
               ELSE ARRAY[t.stem] END AS stems
           FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) AS t (key, stem, pattern, prefix))
         SELECT key, stems, pattern, CASE WHEN cardinality(stems) = 1
             THEN (SELECT count(*) FROM product_terms WHERE stem = t.stems[1])
             ELSE (SELECT count(DISTINCT product_id) FROM product_terms WHERE stem LIKE t.pattern) END AS found
         FROM t`,
        [
          missing.map((t) => t.key),
          missing.map((t) => t.stem),
          missing.map((t) => prefixPattern(t.stem)),
          missing.map((t) => t.prefix),
        ],
      );
      for (const row of rows) {
        const term = {
          stems: row.stems.length > MAX_STEMS ? null : row.stems,
          pattern: row.pattern,
          found: row.found,
        };
        scored.set(row.key, term);
        if (latest()) terms.set(row.key, term);
      }
    }
    const resolved = wanted.flatMap((t) => scored.get(t.key) ?? []);
    return {
      products: current.products,
      words: current.words,
      terms: category === null ? resolved : resolved.slice(1),
      category: category === null ? null : (resolved[0] ?? null),
    };
  };
}
