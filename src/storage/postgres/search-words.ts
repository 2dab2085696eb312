import { searchWords as wordsOf } from '../search-words.js';

/**
 * The words of a product search, chosen as SQLite's `ftsQuery` chooses them: runs of letters and digits
 * only, stop words and single letters dropped, at most 12. `prefix`: the last word, of three letters or
 * more, also matches as a prefix, for type-ahead. Null when no searchable word remains. The words are
 * only ever compared with stems (bound parameters, LIKE patterns escaped), never parsed as a query.
 */
export function searchWords(text: string): { words: string[]; prefix: boolean } | null {
  const words = wordsOf(text);
  const last = words.at(-1);
  return last === undefined ? null : { words, prefix: last.length >= 3 };
}

/** A LIKE pattern for stems starting with `stem` (its `%`, `_` and `\` taken literally). */
export const prefixPattern = (stem: string) => `${stem.replaceAll(/[\\%_]/g, '\\$&')}%`;
