import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ENGLISH_WORDS_PATH = fileURLToPath(
  new URL('../../../assets/english-words/words.txt', import.meta.url),
);

/**
 * Common English words (see assets/english-words/): real words the speller leaves as typed, even ones
 * the shop's vocabulary lacks. Empty when the file is missing: the speller then corrects as before.
 */
export function loadEnglishWords(path: string = ENGLISH_WORDS_PATH): ReadonlySet<string> {
  try {
    return new Set(readFileSync(path, 'utf8').split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}
