import type { Channel } from '../../domain/types.js';
import type { ConversationStore, DayTurns, Funnel, TurnLatency } from '../ports.js';
import type { Db } from './database.js';
import { dayParams, localDay, onDays, ZONES } from './shop-days.js';

type AnalyticsReads = Pick<
  ConversationStore,
  'turnsByDay' | 'intentCounts' | 'turnLatency' | 'funnel' | 'handoffsByDay'
>;

/**
 * The answered turns on the range's days: their conversation's channel, their day, what they recorded.
 * The time is tested first: the JSON is read only of messages in the range.
 */
const TURNS = `turns AS (
  SELECT m.session_id, c.channel, ${localDay('m.timestamp')} AS day,
         json_extract(m.metadata, '$.intent') AS intent, json_extract(m.metadata, '$.ms') AS ms,
         coalesce(json_extract(m.metadata, '$.shown'), 0) AS shown,
         coalesce(json_extract(m.metadata, '$.added'), 0) AS added,
         coalesce(json_extract(m.metadata, '$.usage.calls'), 0) AS calls,
         coalesce(json_extract(m.metadata, '$.usage.prompt_tokens'), 0) AS prompt_tokens,
         coalesce(json_extract(m.metadata, '$.usage.completion_tokens'), 0) AS completion_tokens,
         coalesce(json_extract(m.metadata, '$.usage.cost_usd'), 0) AS cost_usd
    FROM conversation_messages m JOIN conversations c ON c.session_id = m.session_id
   WHERE ${onDays('m.timestamp')} AND m.role = 'assistant'
     AND json_extract(m.metadata, '$.intent') IS NOT NULL)`;

/** The conversations' analytics reads, each one statement grouping where the rows are. */
export function createSqliteConversationAnalytics(db: Db): AnalyticsReads {
  const byDayStmt = db.prepare<[object], Omit<DayTurns, 'channel'> & { channel: string }>(
    `WITH ${ZONES}, ${TURNS}
     SELECT day, channel, count(DISTINCT session_id) AS conversations,
            sum(calls) AS calls, sum(prompt_tokens) AS prompt_tokens,
            sum(completion_tokens) AS completion_tokens,
            sum(round(cost_usd * 100000000)) / 100000000 AS cost_usd
       FROM turns GROUP BY day, channel ORDER BY day, channel`,
  );
  const intentsStmt = db.prepare<[object], { intent: string; turns: number }>(
    `WITH ${ZONES}, ${TURNS} SELECT intent, count(*) AS turns FROM turns GROUP BY intent ORDER BY intent`,
  );
  // Nearest rank, exactly: each timed turn numbered within its day (and within all days), and the
  // one at rank ceil(share x n) kept for each share.
  const latencyStmt = db.prepare<[object], { day: string | null; share: number; timed: number; ms: number }>(
    `WITH ${ZONES}, ${TURNS},
     timed AS MATERIALIZED (SELECT day, ms FROM turns WHERE ms IS NOT NULL),
     ranked AS (
       SELECT day, ms, row_number() OVER (PARTITION BY day ORDER BY ms) AS rank,
              count(*) OVER (PARTITION BY day) AS timed FROM timed
       UNION ALL
       SELECT NULL, ms, row_number() OVER (ORDER BY ms), count(*) OVER () FROM timed)
     SELECT r.day, s.key AS share, r.timed, r.ms FROM ranked r JOIN json_each(@shares) s
         ON r.rank = max(1, min(r.timed, ceil(s.value * r.timed)))
      ORDER BY r.day, s.key`,
  );
  const funnelStmt = db.prepare<[object], Funnel>(
    `WITH ${ZONES}, ${TURNS},
     sessions AS (
       SELECT session_id, max(shown > 0) AS shown, max(added = 1) AS added
         FROM turns GROUP BY session_id),
     ordered AS (
       SELECT session_id, max(status IN (SELECT value FROM json_each(@paid))) AS paid FROM orders
        WHERE session_id IN (SELECT session_id FROM sessions) AND ${onDays('created_at')}
        GROUP BY session_id)
     SELECT (SELECT count(*) FROM sessions) AS conversations,
            (SELECT count(*) FROM sessions WHERE shown) AS product_shown,
            (SELECT count(*) FROM sessions WHERE added) AS added_to_cart,
            (SELECT count(*) FROM ordered) AS ordered,
            (SELECT count(*) FROM ordered WHERE paid) AS paid`,
  );
  // A handoff's answer is the conversation's next change on the range's days that is not to handoff
  // (the smallest such id after it); waits are summed in whole milliseconds.
  const handoffsStmt = db.prepare<
    [object],
    { day: string; handoffs: number; answered: number; wait_ms: number }
  >(
    `WITH ${ZONES},
     changes AS (
       SELECT id, session_id, json_extract(data, '$.status') AS status, at, ${localDay('at')} AS day
         FROM conversation_events WHERE type = 'status' AND ${onDays('at')}),
     asked AS (
       SELECT day, at, status,
              min(CASE WHEN status != 'handoff' THEN id END) OVER (PARTITION BY session_id ORDER BY id
                ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_id
         FROM changes)
     SELECT a.day, count(*) AS handoffs, count(n.id) AS answered,
            coalesce(sum(round((julianday(n.at) - julianday(a.at)) * 86400000)), 0) AS wait_ms
       FROM asked a
       LEFT JOIN conversation_events n ON n.id = a.next_id AND json_extract(n.data, '$.status') = 'human'
      WHERE a.status = 'handoff'
      GROUP BY a.day ORDER BY a.day`,
  );

  return {
    async turnsByDay(days) {
      return byDayStmt.all(dayParams(days)).map((r) => ({ ...r, channel: r.channel as Channel }));
    },
    async intentCounts(days) {
      return intentsStmt.all(dayParams(days));
    },
    async turnLatency(days, shares) {
      const rows = latencyStmt.all({ ...dayParams(days), shares: JSON.stringify(shares) });
      const latency = (day: string | null): TurnLatency => {
        const of = rows.filter((r) => r.day === day);
        return { timed: of[0]?.timed ?? 0, ms: of.map((r) => r.ms) };
      };
      const byDay = [...new Set(rows.flatMap((r) => (r.day === null ? [] : [r.day])))];
      return { all: latency(null), by_day: byDay.map((day) => ({ day, ...latency(day) })) };
    },
    async funnel(days, paid) {
      return funnelStmt.get({ ...dayParams(days), paid: JSON.stringify(paid) })!;
    },
    async handoffsByDay(days) {
      return handoffsStmt.all(dayParams(days));
    },
  };
}
