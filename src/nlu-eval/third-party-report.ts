import type { Understander } from '../nlu/port.js';
import { formatConfusion, type EvalSetReport } from './evaluate.js';
import { evaluateSampleShopShopper, type ShopperReport } from './shopper.js';
import { evaluateThirdPartySupport, type ThirdPartySupportReport } from './third-party.js';

export interface ThirdPartyReport {
  support: ThirdPartySupportReport;
  shopper: ShopperReport;
}

/** Scores the understander on the third-party support set, and the sample shop's engine on the shopper set. */
export async function evaluateThirdParty(nlu: Understander, threshold = 0.7): Promise<ThirdPartyReport> {
  return {
    support: await evaluateThirdPartySupport(nlu, undefined, threshold),
    shopper: await evaluateSampleShopShopper(nlu),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const summary = (r: EvalSetReport) =>
  `intent ${pct(r.intent_accuracy)}, routing ${pct(r.routing_accuracy)}, abstained ${pct(r.abstention_rate)}, confidently wrong ${pct(r.confident_error_rate)}`;

/**
 * The report as printed by `nlu-eval`, misses included: these sets are for evaluation only, so their
 * texts may be read; they never become training examples (a test checks).
 */
/** The report's lines; the misses only when asked for (`npm run nlu-eval -- --misses`). */
export function thirdPartyLines({ support, shopper }: ThirdPartyReport, withMisses = false): string[] {
  const misses = support.misses.map(
    (m) =>
      `  ${m.abstained ? 'unsure' : 'WRONG '} ${m.confidence.toFixed(2)} ${m.expected} -> ${m.got}: "${m.text}"`,
  );
  const shopperMisses = shopper.misses.map(
    (m) =>
      `  ${m.expected} -> ${m.intent}${m.shown.length ? ` [${m.shown.join(', ')}]` : ''}: "${m.text}" => ${JSON.stringify(m.reply.split('\n')[0]!.slice(0, 120))}`,
  );
  return [
    `Third-party support set (eval/third-party/support.jsonl): ${support.size} messages; ${summary(support)}`,
    ...Object.entries(support.by_source).map(
      ([source, r]) => `  ${source.padEnd(18)} ${r.size} messages; ${summary(r)}`,
    ),
    'Confusion (expected  right/total  got:count, abstain = below threshold):',
    ...formatConfusion(support.confusion).map((line) => `  ${line}`),
    ...(withMisses ? ['Misses:', ...misses] : []),
    `Third-party shopper set (eval/third-party/shopper.jsonl), through the sales engine: carried ${pct(shopper.carried.accuracy)} of ${shopper.carried.size}, not carried ${pct(shopper.not_carried.accuracy)} of ${shopper.not_carried.size} (p50 ${shopper.p50_ms} ms a turn)`,
    ...(withMisses
      ? [
          'Misses (expected -> intent [categories shown]: request => first line of the reply):',
          ...shopperMisses,
        ]
      : []),
  ];
}
