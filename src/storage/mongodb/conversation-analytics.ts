import type { Channel } from '../../domain/types.js';
import type { ConversationStore, Funnel, TurnLatency } from '../ports.js';
import {
  ALL_DAYS,
  COST_UNITS,
  funnelPipeline,
  handoffsPipeline,
  intentsPipeline,
  latencyPipeline,
  turnsByDayPipeline,
} from './analytics-pipelines.js';
import type { Mongo } from './database.js';

type AnalyticsReads = Pick<
  ConversationStore,
  'turnsByDay' | 'intentCounts' | 'turnLatency' | 'funnel' | 'handoffsByDay'
>;

interface DayTurnsDoc {
  _id: { day: string; channel: Channel };
  conversations: number;
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
}

/** A turn at the nearest rank of the shares at these indexes, in a partition (a day, or ALL_DAYS). */
export interface RankedTurn {
  over: string;
  timed: number;
  ms: number;
  shares: number[];
}

/** The latencies of the turns picked at their ranks: over all days, and per day, oldest first. */
export function latencyOf(
  ranked: readonly RankedTurn[],
  shares: readonly number[],
): { all: TurnLatency; by_day: (TurnLatency & { day: string })[] } {
  const partitions = new Map<string, TurnLatency>();
  for (const turn of ranked) {
    const latency = partitions.get(turn.over) ?? { timed: turn.timed, ms: shares.map(() => 0) };
    for (const i of turn.shares) latency.ms[i] = turn.ms;
    partitions.set(turn.over, latency);
  }
  const days = [...partitions.keys()].filter((over) => over !== ALL_DAYS).sort();
  return {
    all: partitions.get(ALL_DAYS) ?? { timed: 0, ms: [] },
    by_day: days.map((day) => ({ day, ...partitions.get(day)! })),
  };
}

/** The conversations' analytics reads, each one aggregation grouping where the documents are. */
export function createMongoConversationAnalytics(mongo: Mongo): AnalyticsReads {
  const messages = mongo.db.collection('conversation_messages');
  const events = mongo.db.collection('conversation_events');

  return {
    async turnsByDay(days) {
      const docs = await messages.aggregate<DayTurnsDoc>(turnsByDayPipeline(days)).toArray();
      return docs.map(({ _id, cost, ...sums }) => ({ ..._id, ...sums, cost_usd: cost / COST_UNITS }));
    },
    async intentCounts(days) {
      const docs = await messages.aggregate<{ _id: string; turns: number }>(intentsPipeline(days)).toArray();
      return docs.map((d) => ({ intent: d._id, turns: d.turns }));
    },
    async turnLatency(days, shares) {
      // Every timed turn of the range is sorted: past the server's memory limit, on disk (5.0's default is not).
      const ranked = await messages
        .aggregate<RankedTurn>(latencyPipeline(days, shares), { allowDiskUse: true })
        .toArray();
      return latencyOf(ranked, shares);
    },
    async funnel(days, paid) {
      const [doc] = await messages.aggregate<Funnel & { _id: null }>(funnelPipeline(days, paid)).toArray();
      if (!doc) return { conversations: 0, product_shown: 0, added_to_cart: 0, ordered: 0, paid: 0 };
      const { _id, ...funnel } = doc;
      return funnel;
    },
    async handoffsByDay(days) {
      const docs = await events
        .aggregate<{ _id: string; handoffs: number; answered: number; wait_ms: number }>(
          handoffsPipeline(days),
        )
        .toArray();
      return docs.map(({ _id, ...counts }) => ({ day: _id, ...counts }));
    },
  };
}
