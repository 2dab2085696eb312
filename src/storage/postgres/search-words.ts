/** Words too common to narrow a product search; the same list SQLite's search drops (sqlite/fts-query.ts). */
const STOPWORDS = new Set(
  'a an and are as at be but by for from has have i in is it its me my of on or our so that the their this to too us we with you your'.split(
    ' ',
  ),
);

/**
 * The words of a product search, chosen as SQLite's `ftsQuery` chooses them: runs of letters and digits
 * only, stop words and single letters dropped, at most 12. `prefix`: the last word, of three letters or
 * more, also matches as a prefix, for type-ahead. Null when no searchable word remains. The words are
 * only ever compared with stems (bound parameters, LIKE patterns escaped), never parsed as a query.
 */
export function searchWords(text: string): { words: string[]; prefix: boolean } | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => (w.length > 1 || /\d/.test(w)) && !STOPWORDS.has(w))
    .slice(0, 12);
  const last = words.at(-1);
  return last === undefined ? null : { words, prefix: last.length >= 3 };
}

/** A LIKE pattern for stems starting with `stem` (its `%`, `_` and `\` taken literally). */
export const prefixPattern = (stem: string) => `${stem.replaceAll(/[\\%_]/g, '\\$&')}%`;
