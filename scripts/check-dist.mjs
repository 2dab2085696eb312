#!/usr/bin/env node
// Checks that the build ships no test code: compiles tsconfig.build.json into a fresh temporary directory
// (or reads the directory given with --dir) and fails, listing each offender, when an emitted module
//   - imports vitest, or a package that is only a devDependency, or one package.json does not declare;
//   - is, or imports, anything under a testing/ folder, a *.test / *.spec module or a *.contract suite;
//   - is, or imports, a test worker: a *-worker / *.worker module that no shipped module names.
// Usage: node scripts/check-dist.mjs [--dir dist]
import console from 'node:console';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, relative, resolve, sep } from 'node:path';
import process from 'node:process';

const root = resolve(import.meta.dirname, '..');
const ts = createRequire(import.meta.url)('typescript');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dependencies = new Set(Object.keys(pkg.dependencies ?? {}));
const devDependencies = new Set(Object.keys(pkg.devDependencies ?? {}));
const builtins = new Set(builtinModules);

function fail(message) {
  console.error(`check-dist: ${message}`);
  process.exit(2);
}

/** The same compile as `npm run build`, into another directory so dist/ is left as it is. */
function build(dir) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', dir], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) fail(`the build failed (tsc exited with ${run.status ?? run.signal})`);
}

/** Emitted JavaScript modules, as paths relative to dir with forward slashes. */
function modules(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(sep).join(posix.sep))
    .filter((file) => /\.(?:js|mjs|cjs)$/.test(file));
}

function countModules(dir) {
  return modules(dir).length;
}

/** What is wrong with a module by its path alone, or undefined. */
function testPath(file) {
  if (file.split('/').slice(0, -1).includes('testing')) return 'a testing/ module';
  if (/\.(?:test|spec)\.[cm]?js$/.test(file)) return 'a test file';
  if (/\.contract\.[cm]?js$/.test(file)) return 'a contract suite';
  return undefined;
}

function isWorker(file) {
  return /[.-]worker\.[cm]?js$/.test(file);
}

/** The npm package a bare specifier names: `a/b/c` -> `a`, `@s/a/b` -> `@s/a`. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function check(dir) {
  const files = modules(dir);
  const sources = new Map(files.map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
  const offenders = new Map();
  const flag = (file, reason) => offenders.set(file, [...(offenders.get(file) ?? []), reason]);

  // A worker is started by path, not imported: one no shipped module names is there for the tests.
  const shipped = files.filter((file) => !testPath(file) && !isWorker(file));
  const testWorkers = new Set(
    files
      .filter(isWorker)
      .filter((worker) => !shipped.some((file) => sources.get(file).includes(basename(worker)))),
  );
  const testModule = (file) =>
    testPath(file) ?? (testWorkers.has(file) ? 'a test worker (no shipped module starts it)' : undefined);

  for (const file of files) {
    const own = testModule(file);
    if (own) flag(file, `is ${own}`);
    const { importedFiles } = ts.preProcessFile(sources.get(file), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = relative(dir, resolve(dirname(join(dir, file)), specifier))
          .split(sep)
          .join(posix.sep);
        const what = testModule(target);
        if (what) flag(file, `imports ${specifier} (${what})`);
        continue;
      }
      if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const name = packageOf(specifier);
      if (name === 'vitest' || name.startsWith('@vitest/'))
        flag(file, `imports ${specifier} (the test runner)`);
      else if (devDependencies.has(name) && !dependencies.has(name))
        flag(file, `imports ${specifier} (a devDependency, not installed for users)`);
      else if (!dependencies.has(name)) flag(file, `imports ${specifier} (not a dependency in package.json)`);
    }
  }
  return offenders;
}

const dirFlag = process.argv.indexOf('--dir');
const given = dirFlag === -1 ? undefined : process.argv[dirFlag + 1];
if (dirFlag !== -1 && !given) fail('--dir needs a directory');
const outDir = given ? resolve(given) : mkdtempSync(join(tmpdir(), 'check-dist-'));

try {
  if (!given) build(outDir);
  const offenders = check(outDir);
  const shown = given ?? 'the build';
  if (offenders.size === 0) {
    console.log(`check-dist: ${countModules(outDir)} modules in ${shown}, no test code.`);
  } else {
    console.error(`check-dist: ${offenders.size} emitted modules in ${shown} carry test code:`);
    for (const [file, reasons] of [...offenders].sort(([a], [b]) => a.localeCompare(b)))
      console.error(`  ${file}: ${reasons.join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  if (!given) rmSync(outDir, { recursive: true, force: true });
}
