#!/usr/bin/env node
// Fails when folders of src/ import each other in a circle (type imports count). A folder is a top-level
// folder of src/, except that storage/'s ports, each backend and the contract suites are layers of their
// own (features use the ports; backends implement the features' ports). Tests, contract suites and
// testing/ are left out: they may reach anywhere.
import console from 'node:console';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const skipped = (path) =>
  /\.(test|contract)\.tsx?$/.test(path) || relative(src, path).split(sep)[0] === 'testing';

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !skipped(path)) yield path;
  }
}

const folderOf = (path) => {
  const parts = relative(src, path).split(sep);
  if (parts[0] === 'storage' && parts.length > 2) return `storage/${parts[1]}`;
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.tsx?$/, '');
};

/** Folder -> the folders it imports, and one import that shows each edge. */
const edges = new Map();
for (const file of files(src)) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const target = resolve(dirname(file), fileName);
    if (!target.startsWith(src + sep)) continue;
    const [from, to] = [folderOf(file), folderOf(target)];
    if (from === to) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${relative(src, file)} -> ${fileName}`);
  }
}

// Tarjan's strongly connected components: every component of more than one folder is a circle.
let index = 0;
const seen = new Map();
const low = new Map();
const stack = [];
const circles = [];
const visit = (v) => {
  seen.set(v, index);
  low.set(v, index++);
  stack.push(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!seen.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (stack.includes(w)) low.set(v, Math.min(low.get(v), seen.get(w)));
  }
  if (low.get(v) === seen.get(v)) {
    const circle = [];
    let w;
    do circle.push((w = stack.pop()));
    while (w !== v);
    if (circle.length > 1) circles.push(circle.sort());
  }
};
for (const v of [...edges.keys()].sort()) if (!seen.has(v)) visit(v);

if (circles.length === 0) {
  console.log(`check-cycles: ${edges.size} folders, no folder imports itself through others.`);
} else {
  for (const circle of circles) {
    console.error(`folders in a circle: ${circle.join(', ')}`);
    for (const from of circle)
      for (const [to, example] of edges.get(from) ?? [])
        if (circle.includes(to)) console.error(`  ${from} -> ${to}  (${example})`);
  }
  process.exit(1);
}
