import type { Channel } from '../../domain/types.js';
import type { ConversationStore, DayTurns, Funnel, TurnLatency } from '../ports.js';
import type { Pg } from './database.js';
import { roundHalfAway } from './rounding.js';
import { dayParams, dayText, localDay, onDays } from './shop-days.js';

type AnalyticsReads = Pick<
  ConversationStore,
  'turnsByDay' | 'intentCounts' | 'turnLatency' | 'funnel' | 'handoffsByDay'
>;

/** A number the turn recorded at a path of its metadata; null when it recorded none, or not a number. */
const recorded = (path: string) =>
  `CASE WHEN jsonb_typeof(m.metadata #> '${path}') = 'number' THEN (m.metadata #> '${path}')::float8 END`;

/**
 * The answered turns on the range's days (binding dayParams): their conversation's channel, their day,
 * what they recorded - read as SQLite reads it, where a JSON true is 1. The time is tested first, on
 * the index of assistant messages by time: the JSON is read only of messages in the range.
 */
const TURNS = `turns AS (
  SELECT m.session_id, c.channel, ${localDay('m.timestamp')} AS day, m.metadata ->> 'intent' AS intent,
         ${recorded('{ms}')} AS ms,
         coalesce(${recorded('{shown}')} > 0 OR m.metadata -> 'shown' = 'true', false) AS shown,
         coalesce(m.metadata -> 'added' IN ('true', '1'), false) AS added,
         coalesce(${recorded('{usage,calls}')}, 0) AS calls,
         coalesce(${recorded('{usage,prompt_tokens}')}, 0) AS prompt_tokens,
         coalesce(${recorded('{usage,completion_tokens}')}, 0) AS completion_tokens,
         coalesce(${recorded('{usage,cost_usd}')}, 0) AS cost_usd
    FROM conversation_messages m JOIN conversations c ON c.session_id = m.session_id
   WHERE ${onDays('m.timestamp')} AND m.role = 'assistant' AND m.metadata ->> 'intent' IS NOT NULL)`;

/** The conversations' analytics reads, each one statement grouping where the rows are. */
export function createPgConversationAnalytics(pg: Pg): AnalyticsReads {
  return {
    async turnsByDay(days) {
      // Costs summed in hundred-millionths of a dollar, each rounded first: exact however many.
      const rows = await pg.query<Omit<DayTurns, 'channel'> & { channel: string }>(
        `WITH ${TURNS}
         SELECT ${dayText('day')} AS day, channel, count(DISTINCT session_id) AS conversations,
                sum(calls) AS calls, sum(prompt_tokens) AS prompt_tokens,
                sum(completion_tokens) AS completion_tokens,
                sum(${roundHalfAway('cost_usd * 100000000')}) / 100000000 AS cost_usd
           FROM turns GROUP BY turns.day, channel ORDER BY turns.day, channel`,
        dayParams(days),
      );
      return rows.map((r) => ({ ...r, channel: r.channel as Channel }));
    },
    async intentCounts(days) {
      return pg.query<{ intent: string; turns: number }>(
        `WITH ${TURNS} SELECT intent, count(*) AS turns FROM turns GROUP BY intent ORDER BY intent`,
        dayParams(days),
      );
    },
    async turnLatency(days, shares) {
      // percentile_disc is the nearest rank: the value at row ceil(share x n) of the n sorted, at least
      // the first. The empty grouping set is every day's, and has its row even when no turn was timed.
      const rows = await pg.query<{ total: boolean; day: string | null; timed: number; ms: number[] | null }>(
        `WITH ${TURNS}
         SELECT grouping(day) = 1 AS total, ${dayText('day')} AS day, count(*) AS timed,
                percentile_disc($6::float8[]) WITHIN GROUP (ORDER BY ms) AS ms
           FROM turns WHERE ms IS NOT NULL
          GROUP BY GROUPING SETS ((day), ()) ORDER BY turns.day NULLS FIRST`,
        [...dayParams(days), shares],
      );
      const latency = (r: (typeof rows)[number] | undefined): TurnLatency =>
        r && r.timed > 0 ? { timed: r.timed, ms: r.ms ?? [] } : { timed: 0, ms: [] };
      return {
        all: latency(rows.find((r) => r.total)),
        by_day: rows.filter((r) => !r.total).map((r) => ({ day: r.day!, ...latency(r) })),
      };
    },
    async funnel(days, paid) {
      const [row] = await pg.query<Funnel>(
        `WITH ${TURNS},
         sessions AS (
           SELECT session_id, bool_or(shown) AS shown, bool_or(added) AS added FROM turns GROUP BY session_id),
         ordered AS (
           SELECT session_id, bool_or(status = ANY ($6::text[])) AS paid FROM orders
            WHERE session_id IS NOT NULL AND ${onDays('created_at')} GROUP BY session_id)
         SELECT count(*) AS conversations, count(*) FILTER (WHERE s.shown) AS product_shown,
                count(*) FILTER (WHERE s.added) AS added_to_cart, count(o.session_id) AS ordered,
                count(*) FILTER (WHERE o.paid) AS paid
           FROM sessions s LEFT JOIN ordered o ON o.session_id = s.session_id`,
        [...dayParams(days), paid],
      );
      return row!;
    },
    async handoffsByDay(days) {
      // A handoff's answer is the conversation's next change on the range's days that is not to
      // handoff (the smallest such id after it); waits are summed in whole milliseconds.
      return pg.query<{ day: string; handoffs: number; answered: number; wait_ms: number }>(
        `WITH changes AS (
           SELECT id, session_id, data ->> 'status' AS status, at, ${localDay('at')} AS day
             FROM conversation_events WHERE type = 'status' AND ${onDays('at')}),
         asked AS (
           SELECT day, at, status,
                  min(CASE WHEN status <> 'handoff' THEN id END) OVER (PARTITION BY session_id ORDER BY id
                    ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_id
             FROM changes)
         SELECT ${dayText('a.day')} AS day, count(*) AS handoffs, count(n.id) AS answered,
                coalesce(sum(round(
                  (extract(epoch FROM n.at::timestamptz) - extract(epoch FROM a.at::timestamptz)) * 1000
                )), 0) AS wait_ms
           FROM asked a
           LEFT JOIN conversation_events n ON n.id = a.next_id AND n.data ->> 'status' = 'human'
          WHERE a.status = 'handoff'
          GROUP BY a.day ORDER BY a.day`,
        dayParams(days),
      );
    },
  };
}
