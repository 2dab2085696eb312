/**
 * Turns free text into an FTS5 query. Every word is quoted, so FTS syntax in a customer's message
 * (NEAR, quotes, column filters, `*`) is searched for as text instead of being interpreted.
 * Returns null when no searchable word remains.
 */
export function ftsQuery(text: string, join: 'AND' | 'OR'): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 || /\d/.test(w))
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(` ${join} `);
}
