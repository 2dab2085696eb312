import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ConversationResult } from '../engine.js';
import { INTENT_DEFINITIONS } from '../flows/registry.js';
import { loadCorpus } from '../nlu/offline/corpus.js';
import { judgeShopperReply } from './shopper.js';
import { loadShopperSet, loadThirdPartySupport, SAMPLE_CATEGORIES } from './third-party.js';

const normal = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Every string anywhere in a JSON value. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];

const flowsDir = fileURLToPath(new URL('../flows/', import.meta.url));
const examplesFiles = readdirSync(flowsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    try {
      return [readFileSync(`${flowsDir}${entry.name}/examples.json`, 'utf8')];
    } catch {
      return [];
    }
  });

/** What the understanding is trained on: every flow's examples and the generated corpus. */
const trained = new Set(
  [
    ...examplesFiles.flatMap((file) => strings(JSON.parse(file))),
    ...loadCorpus(INTENT_DEFINITIONS).map((u) => u.text),
  ].map(normal),
);

const support = loadThirdPartySupport();
const shopper = loadShopperSet();

describe('the third-party evaluation sets', () => {
  it('parse, with a known intent or category on every line', () => {
    expect(examplesFiles.length).toBeGreaterThan(10);
    expect(support.length).toBeGreaterThan(400);
    expect(shopper.length).toBeGreaterThan(250);
    expect(
      shopper.filter((r) => r.category !== undefined).every((r) => SAMPLE_CATEGORIES.includes(r.category!)),
    ).toBe(true);
    expect(shopper.some((r) => r.not_carried !== undefined)).toBe(true);
  });

  it('hold no text twice', () => {
    expect(new Set(support.map((m) => normal(m.text))).size).toBe(support.length);
    expect(new Set(shopper.map((r) => normal(r.text))).size).toBe(shopper.length);
  });

  it('are never trained on: no text is a training example', () => {
    const leaked = [...support, ...shopper].map((m) => m.text).filter((text) => trained.has(normal(text)));
    expect(leaked).toEqual([]);
  });
});

describe('judging a reply to a product request', () => {
  const reply = (response: string, categories: string[]) =>
    ({
      response,
      data: { products: categories.map((category) => ({ category })) },
    }) as unknown as ConversationResult;

  it('passes a carried kind only when every product shown is of its category', () => {
    const request = { text: 'yoga mat', source: 'test', category: 'sports-outdoor' };
    expect(judgeShopperReply(request, reply('Here are 3 picks', ['sports-outdoor', 'sports-outdoor']))).toBe(
      true,
    );
    expect(judgeShopperReply(request, reply('Here are 2 picks', ['sports-outdoor', 'home']))).toBe(false);
    expect(judgeShopperReply(request, reply('What would you like?', []))).toBe(false);
  });

  it('passes a kind not carried only when the reply says so, alternatives after it allowed', () => {
    const request = { text: 'air fryer', source: 'test', not_carried: 'air fryer' };
    expect(
      judgeShopperReply(
        request,
        reply("Sorry, we don't seem to carry air fryer. Here are 3 instead:", ['kitchen']),
      ),
    ).toBe(true);
    expect(judgeShopperReply(request, reply('We do not sell air fryers.', []))).toBe(true);
    // Saying so of something else is no answer to the kind asked for.
    expect(judgeShopperReply(request, reply('We do not sell those.', []))).toBe(false);
    expect(judgeShopperReply(request, reply("We don't carry toasters.", []))).toBe(false);
    expect(judgeShopperReply(request, reply('Here are 3 picks I think you will like', ['kitchen']))).toBe(
      false,
    );
  });
});
