import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Pre-trained word vectors (GloVe, see assets/word-vectors/): what lets a word the training corpus never
 * had count for the intents of the words it sits near ("rebate" and "reimbursement" near "refund").
 */
export interface WordVectors {
  readonly dimensions: number;
  /** The word's unit vector scaled to int8, or undefined for a word it does not know. */
  vector(word: string): Int8Array | undefined;
  /** 0 for the most frequent word; undefined for a word it does not know. */
  rank(word: string): number | undefined;
}

export const WORD_VECTORS_PATH = fileURLToPath(
  new URL('../../../assets/word-vectors/vectors.bin', import.meta.url),
);

/** Reads the vectors file (built by scripts/build-word-vectors.mjs); null when it is missing or damaged. */
export function loadWordVectors(path: string = WORD_VECTORS_PATH): WordVectors | null {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch {
    return null;
  }
  if (buffer.length < 16 || buffer.toString('latin1', 0, 4) !== 'WVC1') return null;
  const count = buffer.readUInt32LE(4);
  const dimensions = buffer.readUInt32LE(8);
  const textLength = buffer.readUInt32LE(12);
  if (buffer.length !== 16 + textLength + count * dimensions) return null;
  const words = buffer.toString('utf8', 16, 16 + textLength).split('\n');
  if (words.length !== count) return null;
  const index = new Map(words.map((w, i) => [w, i]));
  const data = new Int8Array(buffer.buffer, buffer.byteOffset + 16 + textLength, count * dimensions);
  return {
    dimensions,
    vector(word) {
      const i = index.get(word);
      return i === undefined ? undefined : data.subarray(i * dimensions, (i + 1) * dimensions);
    },
    rank: (word) => index.get(word),
  };
}
