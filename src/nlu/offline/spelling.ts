import { SpellCheck } from '@nlpjs/similarity';

/**
 * Corrects misspelt words against a vocabulary before understanding, so "hodies in meduim" reads as
 * "hoodies in medium". Uses NLP.js's frequency-weighted spell checker, plus adjacent transpositions
 * ("frist"), the most common typing slip, which edit distance counts twice.
 */
export interface Speller {
  correct(text: string): string;
  /**
   * Share of a corrected text's words (three letters or more) that are in the vocabulary: low for a
   * message in another language or about things the shop's vocabulary doesn't cover.
   */
  coverage(corrected: string): number;
}

const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);

/**
 * `words` are the shop's own vocabulary, spelt right. `learned` are texts written the way customers
 * write, typos on purpose ("show me hoddies"): their words join the vocabulary only when they are not a
 * slip of a word already in it, so a typo in an example never becomes a word the speller leaves alone.
 * `kept` are real words left as written but never offered as a correction: kinds of product the shop
 * may not carry ("tables" is no typo for "tablets", but "btw" is no "bow"). `english` says whether a word
 * is a common English word: such words are left as typed too, though they don't count as known to the
 * shop (coverage).
 */
export function createSpeller(
  words: Iterable<string>,
  learned: Iterable<string> = [],
  kept: Iterable<string> = [],
  english: (word: string) => boolean = () => false,
): Speller {
  // Null prototype: "constructor" in a message is a word, not Object.prototype's member.
  const features = Object.create(null) as Record<string, number>;
  for (const text of words) for (const w of wordsOf(text)) features[w] = (features[w] ?? 0) + 1;
  const checker = new SpellCheck({ features, minLength: 3 });
  const added = Object.create(null) as Record<string, number>;
  for (const text of learned) {
    for (const w of wordsOf(text)) {
      if (features[w] || added[w]) continue;
      if (w.length < 3 || checker.checkToken(w, 1) === w) added[w] = 1;
    }
  }
  Object.assign(features, added);
  const keep = new Set([...kept].flatMap(wordsOf));

  const correctWord = (word: string): string => {
    const lower = word.toLowerCase();
    if (lower.length < 3 || features[lower] || keep.has(lower)) return word;
    for (let i = 0; i < lower.length - 1; i++) {
      const swapped = lower.slice(0, i) + lower[i + 1] + lower[i] + lower.slice(i + 2);
      if (features[swapped]) return swapped;
    }
    // A real English word is what the customer meant, even one the shop's vocabulary lacks. Only after
    // swapped letters, which English words include too ("frist").
    if (english(lower)) return word;
    // Two edits only in long words: in shorter ones they turn real words the shop doesn't know into
    // ones it does ("company" into "compare").
    return checker.checkToken(lower, lower.length >= 8 ? 2 : 1);
  };

  return {
    correct: (text) => text.replace(/\p{L}+/gu, correctWord),
    coverage(corrected) {
      const long = (corrected.toLowerCase().match(/\p{L}{3,}/gu) ?? []) as string[];
      if (long.length === 0) return 1;
      return long.filter((w) => features[w] !== undefined || keep.has(w)).length / long.length;
    },
  };
}
