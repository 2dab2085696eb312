import { typeIn } from '../domain/product-types/taxonomy.js';
import { createAppContext } from '../app/app-context.js';
import { loadConfig } from '../config.js';
import type { ConversationResult, SalesEngine } from '../engine.js';
import { createLogger } from '../logger.js';
import type { Understander } from '../nlu/port.js';
import { loadShopperSet, type ShopperRequest } from './third-party.js';

/**
 * Said when the shop has no such thing. Products listed after it are offered as alternatives, which is
 * fine; products shown without it are presented as a match, which is not.
 */
export const NOT_CARRIED = /\b(don'?t|do not|doesn'?t|does not)\s+(seem to\s+)?(carry|sell|stock|have)\b/i;

export interface ShopperMiss {
  text: string;
  /** The category wanted, or "not carried: <kind>". */
  expected: string;
  intent: string;
  /** Categories of the products shown, in order, without repeats. */
  shown: string[];
  reply: string;
}

export interface ShopperReport {
  carried: { size: number; accuracy: number };
  not_carried: { size: number; accuracy: number };
  misses: ShopperMiss[];
  p50_ms: number;
}

/** Whether a reply answers a request as a support lead would want: see eval/third-party/README.md. */
export function judgeShopperReply(request: ShopperRequest, result: ConversationResult): boolean {
  const shown = result.data.products ?? [];
  if (request.category !== undefined) {
    return shown.length > 0 && shown.every((p) => p.category === request.category);
  }
  // The sentence that says so must be about the kind asked for: "we don't seem to carry never arrived
  // among our hoodies" names no kind of the request's.
  const sentence = result.response.split(/(?<=[.!?])\s+/).find((line) => NOT_CARRIED.test(line));
  if (!sentence) return false;
  const head = request.not_carried.toLowerCase().split(/\s+/).at(-1)!;
  const stem = head.length > 4 ? head.replace(/(?:es|s)$/, '') : head;
  if (sentence.toLowerCase().includes(stem)) return true;
  const asked = typeIn(request.text);
  return asked !== null && typeIn(sentence)?.type.node === asked.type.node;
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10000) / 10000);

/** Sends each request as the first message of a new customer's conversation and judges the reply. */
export async function evaluateShopperSet(
  engine: Pick<SalesEngine, 'processSalesConversation'>,
  requests: readonly ShopperRequest[] = loadShopperSet(),
): Promise<ShopperReport> {
  const tally = { carried: [0, 0], not_carried: [0, 0] };
  const misses: ShopperMiss[] = [];
  const times: number[] = [];
  for (const [i, request] of requests.entries()) {
    const start = performance.now();
    const result = await engine.processSalesConversation({
      userId: `shopper-eval-${i}`,
      channel: 'web',
      message: request.text,
    });
    times.push(performance.now() - start);
    const kind = request.category !== undefined ? tally.carried : tally.not_carried;
    kind[1]!++;
    if (judgeShopperReply(request, result)) {
      kind[0]!++;
      continue;
    }
    misses.push({
      text: request.text,
      expected: request.category ?? `not carried: ${request.not_carried}`,
      intent: result.current_intent,
      shown: [...new Set((result.data.products ?? []).map((p) => p.category))],
      reply: result.response,
    });
  }
  times.sort((a, b) => a - b);
  return {
    carried: { size: tally.carried[1]!, accuracy: ratio(tally.carried[0]!, tally.carried[1]!) },
    not_carried: {
      size: tally.not_carried[1]!,
      accuracy: ratio(tally.not_carried[0]!, tally.not_carried[1]!),
    },
    misses,
    p50_ms: Math.round(times[Math.floor(times.length / 2)] ?? 0),
  };
}

/**
 * Scores the shopper set on the whole sales engine of the sample shop, offline, on an in-memory database,
 * with the given understander (trained once by the caller) and a fixed clock so replies do not vary by day.
 */
export async function evaluateSampleShopShopper(
  understander: Understander,
  now: () => Date = () => new Date('2026-11-30T15:00:00Z'),
): Promise<ShopperReport> {
  // The environment is spelt out, not read: a model key in the shell must not turn this into a model run.
  const config = loadConfig({ SQLITE_PATH: ':memory:', LLM_PROVIDER: 'offline' });
  const ctx = await createAppContext(config, createLogger('silent'), {
    seedIfEmpty: true,
    understander,
    now,
  });
  try {
    return await evaluateShopperSet(ctx.engine);
  } finally {
    await ctx.close();
  }
}
