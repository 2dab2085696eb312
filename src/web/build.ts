import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The project root, whether this runs from src/web (tsx) or from the compiled dist/web. */
const ROOT = join(import.meta.dirname, '..', '..');
const CLIENT = join(ROOT, 'src', 'web', 'client');
/** Where the built assets live, served by @fastify/static; rebuilt when the client's sources change. */
export const WEB_ASSETS = join(ROOT, 'dist', 'web-assets');

/** Sample product categories, each with a bundled placeholder picture (the sample catalogue's images). */
const PLACEHOLDERS = [
  'laptops',
  'phones',
  'headphones',
  'tablets',
  'hoodies',
  't-shirts',
  'shoes',
  'jackets',
  'dresses',
  'home',
  'kitchen',
  'sports-outdoor',
  'tea',
  'product',
];

/** A hash of the client's sources: the assets are rebuilt whenever it changes. */
function sourceHash(): string {
  // This file too: it decides how they are built and draws the pictures.
  const hash = createHash('sha256').update(readFileSync(import.meta.filename));
  for (const file of readdirSync(CLIENT).sort()) hash.update(file).update(readFileSync(join(CLIENT, file)));
  return hash.digest('hex').slice(0, 16);
}

/** A plain picture naming the category: no fonts or files beyond the app's own. */
const placeholder = (category: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240"><rect width="240" height="240" fill="#dfe5ee"/><circle cx="120" cy="100" r="46" fill="#b7c3d4"/><text x="120" y="190" font-family="sans-serif" font-size="24" fill="#33415c" text-anchor="middle">${category.replace('-', ' ')}</text></svg>\n`;

/**
 * Builds the widget and the operator console (Preact, bundled and minified by esbuild) and the
 * placeholder pictures into
 * `dist/web-assets`, unless they are there for the current sources. Returns the widget's size in bytes.
 */
export async function ensureWebAssets(
  options: { force?: boolean } = {},
): Promise<{ built: boolean; bytes: number }> {
  const stamp = join(WEB_ASSETS, '.source-hash');
  const widget = join(WEB_ASSETS, 'widget.js');
  // Installed without the sources (a compiled package): the assets built with it are served as they are.
  if (!existsSync(CLIENT)) {
    if (existsSync(widget)) return { built: false, bytes: readFileSync(widget).length };
    throw new Error(`The chat's sources (${CLIENT}) and built assets (${WEB_ASSETS}) are both missing.`);
  }
  const hash = sourceHash();
  if (!options.force && existsSync(widget) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash)
    return { built: false, bytes: readFileSync(widget).length };
  mkdirSync(join(WEB_ASSETS, 'products'), { recursive: true });
  const out = await build({
    entryPoints: { widget: join(CLIENT, 'widget.tsx'), admin: join(CLIENT, 'admin.tsx') },
    outdir: WEB_ASSETS,
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'silent',
  });
  // Written aside and renamed into place: a server or test starting meanwhile never reads half a file.
  const write = (path: string, content: string | Uint8Array) => {
    const aside = `${path}.${process.pid}.tmp`;
    writeFileSync(aside, content);
    renameSync(aside, path);
  };
  for (const file of out.outputFiles) write(file.path, file.contents);
  for (const category of PLACEHOLDERS)
    write(join(WEB_ASSETS, 'products', `${category}.svg`), placeholder(category));
  write(stamp, hash);
  return { built: true, bytes: readFileSync(widget).length };
}
