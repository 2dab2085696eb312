/** Words too common to narrow a product search; matching them only costs time. */
const STOPWORDS = new Set(
  'a an and are as at be but by for from has have i in is it its me my of on or our so that the their this to too us we with you your'.split(
    ' ',
  ),
);

/**
 * The words of a customer's search worth matching, lower-cased, in order: letters and digits only (so no
 * query syntax survives), no stopwords, no single letters (single digits stay: "size 8"), at most 12.
 * The one rule every backend's search uses (SQLite's FTS query, PostgreSQL's terms, MongoDB's text query).
 */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => (w.length > 1 || /\d/.test(w)) && !STOPWORDS.has(w))
    .slice(0, 12);
}
