import type { Channel, Order } from '../domain/types.js';
import { CHANNELS } from '../domain/types.js';
import { fromCents, toCents } from '../domain/money.js';
import type { Storage, TurnRecord } from '../storage/ports.js';
import type { Analytics } from './report.js';

export type { Analytics } from './report.js';

const PAID = new Set<Order['status']>(['paid', 'fulfilled', 'delivered']);
const HOUR = 3_600_000;

/** The value below which `share` of the sorted numbers fall (nearest rank); null for none. */
function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

const mean = (xs: readonly number[]) =>
  xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;

/** Calendar days from `from` to `to`, inclusive (YYYY-MM-DD). */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 24 * HOUR)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * How conversations went over days `from` to `to` (inclusive, in the shop's time zone), computed from
 * what is stored - the transcript's turns, status changes and orders - never estimated.
 */
export async function analyticsFor(
  storage: Pick<Storage, 'conversations' | 'orders'>,
  range: { from: string; to: string; timeZone: string },
): Promise<Analytics> {
  const dayOf = new Intl.DateTimeFormat('en-CA', {
    timeZone: range.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const local = (iso: string) => dayOf.format(new Date(iso));
  const days = daysBetween(range.from, range.to);
  const inRange = (iso: string) => {
    const d = local(iso);
    return d >= range.from && d <= range.to;
  };
  // Every time zone is within 14 hours of UTC: read wide, keep what falls on the shop's days.
  const start = new Date(Date.parse(`${range.from}T00:00:00Z`) - 14 * HOUR).toISOString();
  const end = new Date(Date.parse(`${range.to}T00:00:00Z`) + 38 * HOUR).toISOString();
  const turns = (await storage.conversations.turnsBetween(start, end)).filter((t) => inRange(t.at));
  const changes = (await storage.conversations.statusChangesBetween(start, end)).filter((c) => inRange(c.at));
  const orders = (await storage.orders.placedBetween(start, end)).filter((o) => inRange(o.created_at));

  const byDay = new Map<string, TurnRecord[]>(days.map((d) => [d, []]));
  for (const t of turns) byDay.get(local(t.at))?.push(t);

  const sessions = new Map<string, { shown: boolean; added: boolean }>();
  for (const t of turns) {
    const s = sessions.get(t.session_id) ?? { shown: false, added: false };
    s.shown ||= t.shown > 0;
    s.added ||= t.added;
    sessions.set(t.session_id, s);
  }
  const ordered = orders.filter((o) => o.session_id && sessions.has(o.session_id));
  const paid = orders.filter((o) => PAID.has(o.status));

  const intents = new Map<string, number>();
  for (const t of turns) intents.set(t.intent, (intents.get(t.intent) ?? 0) + 1);

  // A handoff's wait: from asking to the first time a person took it afterwards.
  const waits: { day: string; minutes: number | null }[] = [];
  changes.forEach((c, i) => {
    if (c.status !== 'handoff') return;
    const taken = changes.slice(i + 1).find((n) => n.session_id === c.session_id && n.status !== 'handoff');
    waits.push({
      day: local(c.at),
      minutes: taken?.status === 'human' ? (Date.parse(taken.at) - Date.parse(c.at)) / 60_000 : null,
    });
  });
  const answered = waits.flatMap((w) => (w.minutes === null ? [] : [w.minutes]));

  const sum = (list: readonly TurnRecord[], key: 'calls' | 'prompt_tokens' | 'completion_tokens') =>
    list.reduce((a, t) => a + t[key], 0);
  const cost = (list: readonly TurnRecord[]) =>
    Math.round(list.reduce((a, t) => a + t.cost_usd, 0) * 1e6) / 1e6;
  const timed = (list: readonly TurnRecord[]) =>
    list.flatMap((t) => (t.ms === null ? [] : [t.ms])).sort((a, b) => a - b);

  const allTimed = timed(turns);
  return {
    from: range.from,
    to: range.to,
    time_zone: range.timeZone,
    days,
    conversations: {
      total: sessions.size,
      by_day: days.map((day) => {
        const list = byDay.get(day)!;
        const counts = Object.fromEntries(
          CHANNELS.map((ch) => [
            ch,
            new Set(list.filter((t) => t.channel === ch).map((t) => t.session_id)).size,
          ]),
        ) as Record<Channel, number>;
        return { day, total: new Set(list.map((t) => t.session_id)).size, ...counts };
      }),
    },
    funnel: {
      conversations: sessions.size,
      product_shown: [...sessions.values()].filter((s) => s.shown).length,
      added_to_cart: [...sessions.values()].filter((s) => s.added).length,
      ordered: new Set(ordered.map((o) => o.session_id)).size,
      paid: new Set(ordered.filter((o) => PAID.has(o.status)).map((o) => o.session_id)).size,
    },
    intents: [...intents.entries()]
      .map(([intent, n]) => ({ intent, turns: n }))
      .sort((a, b) => b.turns - a.turns || a.intent.localeCompare(b.intent)),
    handoffs: {
      total: waits.length,
      answered: answered.length,
      avg_wait_minutes: mean(answered),
      by_day: days.map((day) => {
        const that = waits.filter((w) => w.day === day);
        return {
          day,
          handoffs: that.length,
          avg_wait_minutes: mean(that.flatMap((w) => (w.minutes === null ? [] : [w.minutes]))),
        };
      }),
    },
    model: {
      calls: sum(turns, 'calls'),
      prompt_tokens: sum(turns, 'prompt_tokens'),
      completion_tokens: sum(turns, 'completion_tokens'),
      cost_usd: cost(turns),
      by_day: days.map((day) => {
        const list = byDay.get(day)!;
        return {
          day,
          calls: sum(list, 'calls'),
          prompt_tokens: sum(list, 'prompt_tokens'),
          completion_tokens: sum(list, 'completion_tokens'),
          cost_usd: cost(list),
        };
      }),
    },
    latency: {
      turns_timed: allTimed.length,
      p50_ms: percentile(allTimed, 0.5),
      p95_ms: percentile(allTimed, 0.95),
      by_day: days.map((day) => {
        const list = timed(byDay.get(day)!);
        return { day, p50_ms: percentile(list, 0.5), p95_ms: percentile(list, 0.95) };
      }),
    },
    orders: {
      placed: orders.length,
      paid: paid.length,
      revenue: fromCents(paid.reduce((a, o) => a + toCents(o.total), 0)),
    },
  };
}
