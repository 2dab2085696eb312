import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEMPLATES } from '../data/catalogue-templates.js';
import { flowOf, isIntent } from '../flows/registry.js';
import type { Understander } from '../nlu/port.js';
import { evaluateOnEvalSet, type EvalMessage, type EvalSetReport } from './evaluate.js';

/**
 * The third-party sets (eval/third-party): other people's messages from public corpora, labelled for this
 * shop and never trained on. See eval/third-party/README.md for the sources and the labelling rules.
 */
const THIRD_PARTY_DIR = new URL('../../eval/third-party/', import.meta.url);
export const THIRD_PARTY_SUPPORT_PATH = fileURLToPath(new URL('support.jsonl', THIRD_PARTY_DIR));
export const SHOPPER_SET_PATH = fileURLToPath(new URL('shopper.jsonl', THIRD_PARTY_DIR));

/** The sample shop's categories: what a carried request in the shopper set is labelled with. */
export const SAMPLE_CATEGORIES: readonly string[] = TEMPLATES.map((t) => t.category);

/** One support-like message, with the corpus and label it came from. */
export interface ThirdPartyMessage extends EvalMessage {
  source: string;
  source_label: string;
}

/** One product request: a category the sample shop carries, or the kind of thing it does not. */
export type ShopperRequest = { text: string; source: string; framed?: boolean } & (
  { category: string; not_carried?: undefined } | { not_carried: string; category?: undefined }
);

const lines = (path: string): [unknown, number][] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i): [string, number] => [line, i + 1])
    .filter(([line]) => line.trim())
    .map(([line, n]) => [JSON.parse(line) as unknown, n]);

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export function loadThirdPartySupport(path: string = THIRD_PARTY_SUPPORT_PATH): ThirdPartyMessage[] {
  return lines(path).map(([row, n]) => {
    const { text, intent, source, source_label } = row as Record<string, unknown>;
    if (!isText(text) || !isText(source) || !isText(source_label))
      throw new Error(`${path}:${n}: missing field`);
    if (!isText(intent) || !isIntent(intent))
      throw new Error(`${path}:${n}: unknown intent ${String(intent)}`);
    return { text, intent, flow: flowOf(intent).name, source, source_label };
  });
}

export function loadShopperSet(path: string = SHOPPER_SET_PATH): ShopperRequest[] {
  return lines(path).map(([row, n]) => {
    const { text, source, category, not_carried, framed } = row as Record<string, unknown>;
    if (!isText(text) || !isText(source)) throw new Error(`${path}:${n}: missing field`);
    const extra = framed === true ? { framed: true } : {};
    if (isText(category) && not_carried === undefined) {
      if (!SAMPLE_CATEGORIES.includes(category))
        throw new Error(`${path}:${n}: unknown category ${category}`);
      return { text, source, category, ...extra };
    }
    if (isText(not_carried) && category === undefined) return { text, source, not_carried, ...extra };
    throw new Error(`${path}:${n}: needs either a category or not_carried`);
  });
}

/** The third-party support set scored as a whole and per source corpus. */
export interface ThirdPartySupportReport extends EvalSetReport {
  by_source: Record<string, EvalSetReport>;
}

export async function evaluateThirdPartySupport(
  nlu: Understander,
  messages: readonly ThirdPartyMessage[] = loadThirdPartySupport(),
  threshold = 0.7,
): Promise<ThirdPartySupportReport> {
  const sources = [...new Set(messages.map((m) => m.source))];
  const by_source: Record<string, EvalSetReport> = {};
  for (const source of sources) {
    by_source[source] = await evaluateOnEvalSet(
      nlu,
      messages.filter((m) => m.source === source),
      threshold,
    );
  }
  return { ...(await evaluateOnEvalSet(nlu, messages, threshold)), by_source };
}
