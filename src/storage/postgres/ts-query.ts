/** Words too common to narrow a product search; the same list SQLite's search drops (sqlite/fts-query.ts). */
const STOPWORDS = new Set(
  'a an and are as at be but by for from has have i in is it its me my of on or our so that the their this to too us we with you your'.split(
    ' ',
  ),
);

const wordsOf = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u);

/**
 * Turns free text into the text of a PostgreSQL tsquery, for `to_tsquery('shop_search', ...)`, choosing
 * the words as SQLite's `ftsQuery` does: letters and digits only, so no tsquery syntax a customer types
 * (`&`, `|`, `!`, `:*`, quotes, `<->`) can reach the parser; stop words and single letters dropped; at most
 * 12 words; the last word of three letters or more also matching as a prefix, for type-ahead. Returns null
 * when no searchable word remains. `category`, when given, is required in the category field (weight C),
 * which SQLite's query does with a column filter.
 */
export function tsQuery(text: string, join: 'AND' | 'OR', category?: string): string | null {
  const words = wordsOf(text)
    .filter((w) => (w.length > 1 || /\d/.test(w)) && !STOPWORDS.has(w))
    .slice(0, 12);
  if (words.length === 0) return null;
  const terms = words
    .map((w, i) => (i === words.length - 1 && w.length >= 3 ? `${w}:*` : w))
    .join(join === 'AND' ? ' & ' : ' | ');
  if (!category) return terms;
  const phrase = wordsOf(category)
    .filter(Boolean)
    .map((w) => `${w}:C`)
    .join(' <-> ');
  return phrase ? `(${phrase}) & (${terms})` : terms;
}
