import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifierFrom, trainModel, type TrainingItem } from './classifier.js';
import { generateCorpus } from './generate.js';
import { cachedModel, decodeModel, encodeModel, modelKey } from './model-cache.js';

const items: TrainingItem[] = [
  { features: ['w:hi', 'w:there'], label: 'greeting' },
  { features: ['w:hello'], label: 'greeting' },
  { features: ['w:show', 'w:hoodies'], label: 'browse' },
  { features: ['w:show', 'w:laptops'], label: 'browse' },
  { features: ['w:my', 'w:cart'], label: 'view_cart', weight: 2 },
];
const probes = [['w:hi'], ['w:show', 'w:jackets'], ['w:cart'], ['w:unknown']];

describe('the trained-model cache', () => {
  it('reads back a model that predicts exactly as the trained one', () => {
    const model = trainModel(items, { bits: 12 });
    const back = decodeModel(encodeModel(model));
    expect(back.labels).toEqual(model.labels);
    expect(back.weights).toEqual(model.weights);
    expect(back.bias).toEqual(model.bias);
    const a = classifierFrom(model);
    const b = classifierFrom(back);
    for (const p of probes) expect(b.predict(p).ranked).toEqual(a.predict(p).ranked);
  });

  it('trains once, then loads; other items or options get their own model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlu-cache-'));
    expect(cachedModel(items, { bits: 12 }, dir).cached).toBe(false);
    const again = cachedModel(items, { bits: 12 }, dir);
    expect(again.cached).toBe(true);
    expect(classifierFrom(again.model).predict(['w:hi']).label).toBe('greeting');
    expect(cachedModel(items.slice(1), { bits: 12 }, dir).cached).toBe(false);
    expect(cachedModel(items, { bits: 12, epochs: 2 }, dir).cached).toBe(false);
    expect(modelKey(items, { bits: 12 })).not.toBe(modelKey(items, { bits: 13 }));
  });

  it('trains again over a damaged file, and keeps only the newest few models', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlu-cache-'));
    cachedModel(items, { bits: 12 }, dir);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), 'SAM1 not really');
    const retrained = cachedModel(items, { bits: 12 }, dir);
    expect(retrained.cached).toBe(false);
    expect(classifierFrom(retrained.model).predict(['w:cart']).label).toBe('view_cart');
    expect(cachedModel(items, { bits: 12 }, dir).cached).toBe(true);
    for (let n = 1; n <= 4; n++) cachedModel(items.slice(n % 5), { bits: 12, seed: n }, dir);
    expect(readdirSync(dir).filter((f) => f.endsWith('.model'))).toHaveLength(3);
  });

  it('keys a model by its training data, so a changed pattern never loads the old model', () => {
    const intents = [
      { name: 'greeting', patterns: ['(hi|hello|hey) there'] },
      { name: 'browse', patterns: ['show me [some ](cheap|nice) {ps}'] },
    ];
    const keyOf = (given: typeof intents) =>
      modelKey(
        generateCorpus({ intents: given, perIntent: 20 }).map((u) => ({
          features: u.text.split(' ').map((w) => `w:${w}`),
          label: u.intent,
        })),
        {},
      );
    expect(keyOf(intents)).toBe(keyOf(intents));
    expect(keyOf([intents[0]!, { name: 'browse', patterns: ['show me (all|every) {ps}'] }])).not.toBe(
      keyOf(intents),
    );
  });

  it('still answers when the directory cannot be written', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nlu-cache-')), 'a-file');
    writeFileSync(file, '');
    const result = cachedModel(items, { bits: 12 }, join(file, 'under-a-file'));
    expect(result.cached).toBe(false);
    expect(classifierFrom(result.model).predict(['w:hello']).label).toBe('greeting');
  });
});
