import type {
  Channel,
  ConversationEvent,
  ConversationHead,
  ConversationLog,
  ConversationMessage,
  ConversationStatus,
  MessageRole,
} from '../../domain/types.js';
import type { Clock } from '../../domain/clock.js';
import { conversationNotFound } from '../errors.js';
import type { ConversationStore } from '../ports.js';
import { createPgConversationAnalytics } from './conversation-analytics.js';
import type { Pg, Query } from './database.js';

interface HeadRow {
  session_id: string;
  user_id: string;
  channel: string;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  status: string;
  status_at: string | null;
  operator: string | null;
  handoff_reason: string | null;
  ticket_at: string | null;
}

const toHead = (h: HeadRow): ConversationHead => ({
  session_id: h.session_id,
  user_id: h.user_id,
  channel: h.channel as Channel,
  status: h.status as ConversationStatus,
  operator: h.operator,
  handoff_reason: h.handoff_reason,
  status_at: h.status_at ?? h.created_at,
  ticket_at: h.ticket_at,
  created_at: h.created_at,
  updated_at: h.updated_at,
});

const HEAD = `session_id, user_id, channel, created_at, updated_at, status, status_at, operator, handoff_reason,
  ticket_at`;

interface EventRow {
  id: number;
  session_id: string;
  type: 'message' | 'status';
  data: unknown;
  at: string;
}

interface MessageRow {
  role: string;
  content: string;
  timestamp: string;
  agent_name: string | null;
  metadata: Record<string, unknown>;
}

/**
 * Key of the transaction-level advisory lock every event is written under (with the schema's hash as its
 * second half, so tests in schemas of their own do not wait on each other). A stream reads "events after
 * id N"; with a bare bigserial a transaction that drew id 10 may commit after one that drew 11, and a
 * reader that saw 11 would never see 10. Held from just before the insert until commit, the lock makes
 * ids grow in commit order. The price: event-writing commits in one schema run one at a time.
 */
const EVENTS_LOCK = 7_211_022;
const lockEvents = (query: Query) =>
  query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [EVENTS_LOCK]);

/** `($1, $2), ($3, $4)` for 2 rows of 2: placeholders for a multi-row VALUES, numbered row by row. */
const values = (rows: number, width: number) =>
  Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
  ).join(', ');

export function createPgConversationStore(pg: Pg, now: Clock): ConversationStore {
  const headOf = async (sessionId: string) =>
    (await pg.query<HeadRow>('SELECT * FROM conversations WHERE session_id = $1', [sessionId]))[0];

  return {
    async append(sessionId, userId, channel, messages) {
      const at = messages.at(-1)?.timestamp ?? now().toISOString();
      await pg.tx(async (query) => {
        // No row back when the conversation is someone else's; otherwise who answers it. The row stays
        // locked to the end, so of two first appends by different users one owns it and the other waits,
        // then is refused; and a status change waits for the messages written under the old status.
        const [head] = await query<{ status: string }>(
          `INSERT INTO conversations (session_id, user_id, channel, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (session_id) DO UPDATE SET updated_at = excluded.updated_at, channel = excluded.channel
           WHERE conversations.user_id = excluded.user_id
           RETURNING status`,
          [sessionId, userId, channel, messages[0]?.timestamp ?? at, at],
        );
        // Someone else's conversation: answered exactly as one that does not exist.
        if (!head) throw conversationNotFound(sessionId);
        if (messages.length === 0) return;
        await query(
          `INSERT INTO conversation_messages (session_id, role, content, timestamp, agent_name, metadata)
           VALUES ${values(messages.length, 6)}`,
          messages.flatMap((m) => [
            sessionId,
            m.role,
            m.content,
            m.timestamp,
            m.agent_name,
            JSON.stringify(m.metadata),
          ]),
        );
        const forOperators = head.status === 'handoff' || head.status === 'human';
        await lockEvents(query);
        await query(
          `INSERT INTO conversation_events (session_id, type, data, at, for_operators)
           VALUES ${values(messages.length, 5)}`,
          messages.flatMap((m) => [sessionId, 'message', JSON.stringify(m), m.timestamp, forOperators]),
        );
      });
    },
    async ownerOf(sessionId) {
      const rows = await pg.query<{ user_id: string }>(
        'SELECT user_id FROM conversations WHERE session_id = $1',
        [sessionId],
      );
      return rows[0]?.user_id ?? null;
    },
    async transfer(sessionId, from, to) {
      const moved = await pg.query(
        'UPDATE conversations SET user_id = $1 WHERE session_id = $2 AND user_id = $3 RETURNING 1',
        [to, sessionId, from],
      );
      return moved.length === 1;
    },
    async get(sessionId, limit) {
      const head = await headOf(sessionId);
      if (!head) return null;
      const rows = await pg.query<MessageRow>(
        `SELECT role, content, timestamp, agent_name, metadata FROM (
           SELECT id, role, content, timestamp, agent_name, metadata FROM conversation_messages
           WHERE session_id = $1 ORDER BY id DESC LIMIT $2
         ) newest ORDER BY id`,
        [sessionId, limit ?? null],
      );
      const messages = rows.map((m): ConversationMessage => ({
        role: m.role as MessageRole,
        content: m.content,
        timestamp: m.timestamp,
        agent_name: m.agent_name,
        metadata: m.metadata,
      }));
      const log: ConversationLog = { ...toHead(head), messages, metadata: head.metadata };
      return log;
    },
    async head(sessionId) {
      const head = await headOf(sessionId);
      return head ? toHead(head) : null;
    },
    /** The move and its event, together: a stream never misses a change nor sees one that did not happen. */
    async setStatus(input) {
      return pg.tx(async (query) => {
        // Of two racing, the second waits on the row and finds it no longer in `from`.
        const [moved] = await query<HeadRow>(
          `UPDATE conversations SET status = $2, status_at = $3, operator = $4,
             ticket_at = CASE WHEN $2 IN ('handoff', 'human') THEN ticket_at END,
             handoff_reason = CASE WHEN $2 = 'bot' THEN NULL ELSE coalesce($5, handoff_reason) END
           WHERE session_id = $1 AND status = ANY ($6::text[])
           RETURNING ${HEAD}`,
          [input.session_id, input.to, input.at, input.operator ?? null, input.reason ?? null, input.from],
        );
        if (!moved) return null;
        const head = toHead(moved);
        await lockEvents(query);
        await query(
          `INSERT INTO conversation_events (session_id, type, data, at, for_operators)
           VALUES ($1, 'status', $2, $3, true)`,
          [
            input.session_id,
            JSON.stringify({ status: head.status, operator: head.operator, reason: head.handoff_reason }),
            input.at,
          ],
        );
        return head;
      });
    },
    async takeOverdueHandoffs(before, at, limit) {
      // Rows another sweeper holds are skipped, not waited for: each overdue handoff goes to one of them.
      const rows = await pg.query<HeadRow>(
        `UPDATE conversations SET ticket_at = $2
         WHERE session_id IN (
           SELECT session_id FROM conversations
           WHERE status = 'handoff' AND ticket_at IS NULL AND status_at <= $1
           ORDER BY status_at LIMIT $3 FOR UPDATE SKIP LOCKED
         ) AND status = 'handoff' AND ticket_at IS NULL
         RETURNING ${HEAD}`,
        [before, at, limit],
      );
      return rows
        .map(toHead)
        .sort((a, b) => (a.status_at < b.status_at ? -1 : a.status_at > b.status_at ? 1 : 0));
    },
    async list(query) {
      // NULLS FIRST as SQLite sorts them: unfiltered, the others (newest first) come before the handoffs.
      const rows = await pg.query<HeadRow>(
        `SELECT ${HEAD} FROM conversations WHERE ($1::text IS NULL OR status = $1)
         ORDER BY CASE WHEN status = 'handoff' THEN coalesce(status_at, created_at) END ASC NULLS FIRST,
           updated_at DESC
         LIMIT $2`,
        [query.status ?? null, query.limit ?? 50],
      );
      return rows.map(toHead);
    },
    async events(query) {
      const limit = query.limit ?? 200;
      // What operators saw live is what a replay gives: marked when it happened, never by today's status.
      const rows = query.session_id
        ? await pg.query<EventRow>(
            'SELECT * FROM conversation_events WHERE session_id = $1 AND id > $2 ORDER BY id LIMIT $3',
            [query.session_id, query.after, limit],
          )
        : await pg.query<EventRow>(
            'SELECT * FROM conversation_events WHERE for_operators AND id > $1 ORDER BY id LIMIT $2',
            [query.after, limit],
          );
      return rows.map(
        (r) =>
          ({ id: r.id, session_id: r.session_id, type: r.type, at: r.at, data: r.data }) as ConversationEvent,
      );
    },
    async lastEventId() {
      const [row] = await pg.query<{ id: number | null }>('SELECT max(id) AS id FROM conversation_events');
      return row?.id ?? 0;
    },
    async countByStatus() {
      const rows = await pg.query<{ status: string; count: number }>(
        'SELECT status, count(*) AS count FROM conversations GROUP BY status ORDER BY status',
      );
      return rows.map((r) => ({ ...r, status: r.status as ConversationStatus }));
    },
    ...createPgConversationAnalytics(pg),
  };
}
