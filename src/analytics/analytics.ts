import { daysIn, type DayRange } from '../domain/days.js';
import { fromCents, toCents } from '../domain/money.js';
import type { Channel, OrderStatus } from '../domain/types.js';
import { CHANNELS } from '../domain/types.js';
import type { DayTurns, Storage } from '../storage/ports.js';
import type { Analytics } from './report.js';

export type { Analytics } from './report.js';

const PAID: readonly OrderStatus[] = ['paid', 'fulfilled', 'delivered'];
/** The percentiles of turn latency shown: the median and the 95th. */
const SHARES = [0.5, 0.95];

const sum = <T>(list: readonly T[], value: (item: T) => number) => list.reduce((a, x) => a + value(x), 0);
/** Model cost to a millionth of a dollar, from costs kept to a hundred-millionth, summed exactly. */
const usd = (rows: readonly DayTurns[]) =>
  Math.round(sum(rows, (r) => Math.round(r.cost_usd * 1e8)) / 100) / 1e6;
/** A mean wait in minutes, to a tenth; null when none were answered. */
const meanMinutes = (ms: number, answered: number) =>
  answered === 0 ? null : Math.round((ms / 60_000 / answered) * 10) / 10;

const modelUse = (rows: readonly DayTurns[]) => ({
  calls: sum(rows, (r) => r.calls),
  prompt_tokens: sum(rows, (r) => r.prompt_tokens),
  completion_tokens: sum(rows, (r) => r.completion_tokens),
  cost_usd: usd(rows),
});

/**
 * How conversations went over days `from` to `to` (inclusive, in the shop's time zone), computed from
 * what is stored - the transcript's turns, status changes and orders - never estimated. The storage
 * aggregates; this only lays its small answers out per day.
 */
export async function analyticsFor(
  storage: Pick<Storage, 'conversations' | 'orders'>,
  range: DayRange,
): Promise<Analytics> {
  const days = daysIn(range);
  const { conversations } = storage;
  const [turns, funnel, intents, handoffs, latency, orders] = await Promise.all([
    conversations.turnsByDay(range),
    conversations.funnel(range, PAID),
    conversations.intentCounts(range),
    conversations.handoffsByDay(range),
    conversations.turnLatency(range, SHARES),
    storage.orders.statusTotals(range),
  ]);
  const turnsOn = (day: string) => turns.filter((t) => t.day === day);
  const paid = orders.filter((o) => PAID.includes(o.status));
  const answered = sum(handoffs, (h) => h.answered);

  return {
    from: range.from,
    to: range.to,
    time_zone: range.timeZone,
    days,
    conversations: {
      total: funnel.conversations,
      by_day: days.map((day) => {
        const list = turnsOn(day);
        const counts = Object.fromEntries(
          CHANNELS.map((ch) => [ch, list.find((t) => t.channel === ch)?.conversations ?? 0]),
        ) as Record<Channel, number>;
        // A conversation is on one channel, so the day's total is the sum over channels.
        return { day, total: sum(list, (t) => t.conversations), ...counts };
      }),
    },
    funnel,
    intents: [...intents].sort((a, b) => b.turns - a.turns || a.intent.localeCompare(b.intent)),
    handoffs: {
      total: sum(handoffs, (h) => h.handoffs),
      answered,
      avg_wait_minutes: meanMinutes(
        sum(handoffs, (h) => h.wait_ms),
        answered,
      ),
      by_day: days.map((day) => {
        const that = handoffs.find((h) => h.day === day);
        return {
          day,
          handoffs: that?.handoffs ?? 0,
          avg_wait_minutes: that ? meanMinutes(that.wait_ms, that.answered) : null,
        };
      }),
    },
    model: {
      ...modelUse(turns),
      by_day: days.map((day) => ({ day, ...modelUse(turnsOn(day)) })),
    },
    latency: {
      turns_timed: latency.all.timed,
      p50_ms: latency.all.ms[0] ?? null,
      p95_ms: latency.all.ms[1] ?? null,
      by_day: days.map((day) => {
        const that = latency.by_day.find((l) => l.day === day);
        return { day, p50_ms: that?.ms[0] ?? null, p95_ms: that?.ms[1] ?? null };
      }),
    },
    orders: {
      placed: sum(orders, (o) => o.count),
      paid: sum(paid, (o) => o.count),
      revenue: fromCents(sum(paid, (o) => toCents(o.total))),
    },
  };
}
