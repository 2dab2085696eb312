import { searchWords } from '../search-words.js';

/**
 * Turns free text into an FTS5 query. Every word is quoted, so FTS syntax in a customer's message
 * (NEAR, quotes, column filters, `*`) is searched for as text instead of being interpreted. Returns
 * null when no searchable word remains. `category`, when given, restricts matches to that category inside the index.
 */
export function ftsQuery(text: string, join: 'AND' | 'OR', category?: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  // The stemmer already matches plurals; only the last word also matches as a prefix, for type-ahead.
  const terms = words
    .map((w, i) => (i === words.length - 1 && w.length >= 3 ? `"${w}"*` : `"${w}"`))
    .join(` ${join} `);
  if (!category) return terms;
  const phrase = category
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
  return `category : "${phrase}" AND (${terms})`;
}
