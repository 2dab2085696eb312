import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainModel, type ClassifierModel, type ClassifierOptions, type TrainingItem } from './classifier.js';

/**
 * Training the intent classifier is most of the server's start. Its result depends only on the
 * training items, the options and the training code, so it is kept on disk under a hash of all three
 * and read back on the next start. A missing, stale or damaged file just means training again; a
 * directory that cannot be written just means no cache.
 */

const MAGIC = 'SAM1';
/** Models kept in the directory: enough for a few catalogues or versions side by side. */
const KEEP = 3;

/** The training code itself, so a change to it never loads a model the old code trained. */
let trainingCode: string | null | undefined;
function trainingCodeDigest(): string | null {
  if (trainingCode === undefined) {
    try {
      const source = readFileSync(fileURLToPath(new URL('./classifier.js', import.meta.url)));
      trainingCode = createHash('sha256').update(source).digest('hex');
    } catch {
      // Compiled to .js next to this file, or run from .ts sources: one of the two exists.
      try {
        const source = readFileSync(fileURLToPath(new URL('./classifier.ts', import.meta.url)));
        trainingCode = createHash('sha256').update(source).digest('hex');
      } catch {
        trainingCode = null;
      }
    }
  }
  return trainingCode;
}

export function modelKey(items: readonly TrainingItem[], options: ClassifierOptions): string | null {
  const code = trainingCodeDigest();
  if (!code) return null;
  const hash = createHash('sha256').update(code).update(JSON.stringify(options));
  for (const item of items)
    hash.update(`${item.label}\u0001${item.weight ?? 1}\u0001${item.features.join('\u0002')}\n`);
  return hash.digest('hex').slice(0, 32);
}

/** Only the buckets training touched are written: a few MB instead of the whole table. */
export function encodeModel(model: ClassifierModel): Buffer {
  const k = model.labels.length;
  const rows: number[] = [];
  for (let row = 0; row < model.weights.length / k; row++) {
    for (let c = 0; c < k; c++) {
      if (model.weights[row * k + c] !== 0) {
        rows.push(row);
        break;
      }
    }
  }
  const values = new Float32Array(rows.length * k);
  rows.forEach((row, i) => values.set(model.weights.subarray(row * k, row * k + k), i * k));
  const header = Buffer.from(JSON.stringify({ labels: model.labels, bits: model.bits, rows: rows.length }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([
    Buffer.from(MAGIC),
    length,
    header,
    Buffer.from(model.bias.buffer, model.bias.byteOffset, model.bias.byteLength),
    Buffer.from(new Uint32Array(rows).buffer),
    Buffer.from(values.buffer),
  ]);
}

export function decodeModel(buffer: Buffer): ClassifierModel {
  if (buffer.subarray(0, 4).toString() !== MAGIC) throw new Error('not a model file');
  const headerLength = buffer.readUInt32LE(4);
  const header = JSON.parse(buffer.subarray(8, 8 + headerLength).toString()) as {
    labels: string[];
    bits: number;
    rows: number;
  };
  const k = header.labels.length;
  let offset = 8 + headerLength;
  // Copies, so the typed arrays start aligned whatever the header's length.
  const take = (bytes: number) => {
    if (offset + bytes > buffer.length) throw new Error('model file is cut short');
    const slice = buffer.buffer.slice(buffer.byteOffset + offset, buffer.byteOffset + offset + bytes);
    offset += bytes;
    return slice;
  };
  const bias = new Float64Array(take(8 * k));
  const rows = new Uint32Array(take(4 * header.rows));
  const values = new Float32Array(take(4 * header.rows * k));
  if (offset !== buffer.length) throw new Error('model file has trailing bytes');
  const weights = new Float32Array((1 << header.bits) * k);
  rows.forEach((row, i) => weights.set(values.subarray(i * k, i * k + k), row * k));
  return { labels: header.labels, bits: header.bits, weights, bias };
}

export interface CachedModel {
  model: ClassifierModel;
  /** Whether it was read from the cache rather than trained now. */
  cached: boolean;
}

/** The model for these items: read from `dir` when trained before, else trained and written there. */
export function cachedModel(
  items: readonly TrainingItem[],
  options: ClassifierOptions,
  dir: string,
): CachedModel {
  const key = modelKey(items, options);
  if (!key) return { model: trainModel(items, options), cached: false };
  const path = join(dir, `intent-${key}.model`);
  try {
    const model = decodeModel(readFileSync(path));
    // Used now, so pruning keeps it.
    const now = new Date();
    utimesSync(path, now, now);
    return { model, cached: true };
  } catch {
    // Not there yet, or unreadable: train.
  }
  const model = trainModel(items, options);
  try {
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed, so a reader (another process starting) never sees half a file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, encodeModel(model));
    renameSync(partial, path);
    prune(dir);
  } catch {
    // A read-only or full disk: the model still works, it just is trained again next time.
  }
  return { model, cached: false };
}

function prune(dir: string): void {
  const models = readdirSync(dir)
    .filter((name) => name.startsWith('intent-') && name.endsWith('.model'))
    .map((name) => ({ path: join(dir, name), time: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of models.slice(KEEP)) rmSync(old.path, { force: true });
}
