/** Words too common to narrow a product search; matching them only costs time. */
const STOPWORDS = new Set(
  'a an and are as at be but by for from has have i in is it its me my of on or our so that the their this to too us we with you your'.split(
    ' ',
  ),
);

/**
 * Turns free text into an FTS5 query. Every word is quoted, so FTS syntax in a customer's message
 * (NEAR, quotes, column filters, `*`) is searched for as text instead of being interpreted. Returns
 * null when no searchable word remains. `category`, when given, restricts matches to that category inside the index.
 */
export function ftsQuery(text: string, join: 'AND' | 'OR', category?: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => (w.length > 1 || /\d/.test(w)) && !STOPWORDS.has(w))
    .slice(0, 12);
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
