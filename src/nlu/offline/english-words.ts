import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ENGLISH_WORDS_PATH = fileURLToPath(
  new URL('../../../assets/english-words/words.txt', import.meta.url),
);

/**
 * Common English words (see assets/english-words/): real words the speller leaves as typed, even ones
 * the shop's vocabulary lacks. A missing file is a broken install, said at start rather than found in
 * the speller's mistakes.
 */
export function loadEnglishWords(path: string = ENGLISH_WORDS_PATH): ReadonlySet<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new Error(`the English word list is missing at ${path}: reinstall the package`, { cause });
  }
  return new Set(text.split('\n').filter(Boolean));
}
