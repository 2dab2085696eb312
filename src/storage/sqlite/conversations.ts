import type {
  Channel,
  ConversationEvent,
  ConversationHead,
  ConversationLog,
  ConversationMessage,
  ConversationStatus,
  MessageRole,
} from '../../domain/types.js';
import type { ConversationStore } from '../ports.js';
import { conversationNotFound } from '../errors.js';
import { createSqliteConversationAnalytics } from './conversation-analytics.js';
import { json, type Db } from './database.js';
import type { Clock } from '../../domain/clock.js';

interface HeadRow {
  session_id: string;
  user_id: string;
  channel: string;
  metadata: string;
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

interface EventRow {
  id: number;
  session_id: string;
  type: 'message' | 'status';
  data: string;
  at: string;
}

interface MessageRow {
  role: string;
  content: string;
  timestamp: string;
  agent_name: string | null;
  metadata: string;
}

export function createSqliteConversationStore(db: Db, now: Clock): ConversationStore {
  // No row back when the conversation is someone else's; otherwise who answers it, in the same step.
  const upsertHeadStmt = db.prepare<[string, string, string, string, string], { status: string }>(
    `INSERT INTO conversations (session_id, user_id, channel, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (session_id) DO UPDATE SET updated_at = excluded.updated_at, channel = excluded.channel
     WHERE conversations.user_id = excluded.user_id
     RETURNING status`,
  );
  const ownerStmt = db.prepare<[string], { user_id: string }>(
    'SELECT user_id FROM conversations WHERE session_id = ?',
  );
  const transferStmt = db.prepare(
    'UPDATE conversations SET user_id = ? WHERE session_id = ? AND user_id = ?',
  );
  const insertMessageStmt = db.prepare(
    'INSERT INTO conversation_messages (session_id, role, content, timestamp, agent_name, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const headStmt = db.prepare<[string], HeadRow>('SELECT * FROM conversations WHERE session_id = ?');
  const messagesStmt = db.prepare<[string, number], MessageRow>(
    `SELECT role, content, timestamp, agent_name, metadata FROM (
       SELECT id, role, content, timestamp, agent_name, metadata FROM conversation_messages
       WHERE session_id = ? ORDER BY id DESC LIMIT ?
     ) ORDER BY id`,
  );

  const setStatusStmt = db.prepare(
    `UPDATE conversations SET status = @to, status_at = @at, operator = @operator,
       ticket_at = CASE WHEN @to IN ('handoff', 'human') THEN ticket_at ELSE NULL END,
       handoff_reason = CASE WHEN @to = 'bot' THEN NULL ELSE coalesce(@reason, handoff_reason) END
     WHERE session_id = @session_id AND status IN (SELECT value FROM json_each(@from))`,
  );
  const listStmt = db.prepare<[string | null, string | null, number], HeadRow>(
    `SELECT * FROM conversations WHERE (? IS NULL OR status = ?)
     ORDER BY CASE WHEN status = 'handoff' THEN coalesce(status_at, created_at) END ASC, updated_at DESC LIMIT ?`,
  );

  const eventStmt = db.prepare(
    'INSERT INTO conversation_events (session_id, type, data, at, for_operators) VALUES (?, ?, ?, ?, ?)',
  );
  const lastEventStmt = db.prepare<[], { id: number | null }>(
    'SELECT max(id) AS id FROM conversation_events',
  );
  const sessionEventsStmt = db.prepare<[string, number, number], EventRow>(
    'SELECT * FROM conversation_events WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?',
  );
  // What operators saw live is what a replay gives: marked when it happened, never by today's status.
  const queueEventsStmt = db.prepare<[number, number], EventRow>(
    'SELECT * FROM conversation_events WHERE for_operators = 1 AND id > ? ORDER BY id LIMIT ?',
  );

  const countStmt = db.prepare<[], { status: string; count: number }>(
    'SELECT status, count(*) AS count FROM conversations GROUP BY status ORDER BY status',
  );
  const overdueStmt = db.prepare<[string, number], HeadRow>(
    `SELECT * FROM conversations WHERE status = 'handoff' AND ticket_at IS NULL AND status_at <= ?
     ORDER BY status_at LIMIT ?`,
  );
  const ticketStmt = db.prepare(
    "UPDATE conversations SET ticket_at = ? WHERE session_id = ? AND status = 'handoff' AND ticket_at IS NULL",
  );
  const takeOverdue = db.transaction((before: string, at: string, limit: number) =>
    overdueStmt
      .all(before, limit)
      .filter((h) => ticketStmt.run(at, h.session_id).changes === 1)
      .map((h) => toHead({ ...h, ticket_at: at })),
  );

  const append = db.transaction(
    (sessionId: string, userId: string, channel: Channel, messages: ConversationMessage[]) => {
      const at = messages.at(-1)?.timestamp ?? now().toISOString();
      const head = upsertHeadStmt.get(sessionId, userId, channel, messages[0]?.timestamp ?? at, at);
      // Someone else's conversation: answered exactly as one that does not exist.
      if (!head) throw conversationNotFound(sessionId);
      const forOperators = head.status === 'handoff' || head.status === 'human' ? 1 : 0;
      for (const m of messages) {
        insertMessageStmt.run(
          sessionId,
          m.role,
          m.content,
          m.timestamp,
          m.agent_name,
          JSON.stringify(m.metadata),
        );
        eventStmt.run(sessionId, 'message', JSON.stringify(m), m.timestamp, forOperators);
      }
    },
  );

  /** The move and its event, together: a stream never misses a change nor sees one that did not happen. */
  const setStatus = db.transaction((input: Parameters<ConversationStore['setStatus']>[0]) => {
    const moved = setStatusStmt.run({
      session_id: input.session_id,
      to: input.to,
      at: input.at,
      operator: input.operator ?? null,
      reason: input.reason ?? null,
      from: JSON.stringify(input.from),
    });
    if (moved.changes !== 1) return null;
    const head = toHead(headStmt.get(input.session_id)!);
    eventStmt.run(
      input.session_id,
      'status',
      JSON.stringify({ status: head.status, operator: head.operator, reason: head.handoff_reason }),
      input.at,
      1,
    );
    return head;
  });

  return {
    async append(sessionId, userId, channel, messages) {
      append.immediate(sessionId, userId, channel, messages);
    },
    async ownerOf(sessionId) {
      return ownerStmt.get(sessionId)?.user_id ?? null;
    },
    async transfer(sessionId, from, to) {
      return transferStmt.run(to, sessionId, from).changes === 1;
    },
    async get(sessionId, limit) {
      const head = headStmt.get(sessionId);
      if (!head) return null;
      const messages = messagesStmt.all(sessionId, limit ?? -1).map((m): ConversationMessage => ({
        role: m.role as MessageRole,
        content: m.content,
        timestamp: m.timestamp,
        agent_name: m.agent_name,
        metadata: json(m.metadata),
      }));
      const log: ConversationLog = { ...toHead(head), messages, metadata: json(head.metadata) };
      return log;
    },
    async head(sessionId) {
      const head = headStmt.get(sessionId);
      return head ? toHead(head) : null;
    },
    async setStatus(input) {
      return setStatus.immediate(input);
    },
    async takeOverdueHandoffs(before, at, limit) {
      return takeOverdue.immediate(before, at, limit);
    },
    async lastEventId() {
      return lastEventStmt.get()?.id ?? 0;
    },
    async countByStatus() {
      return countStmt.all().map((r) => ({ ...r, status: r.status as ConversationStatus }));
    },
    ...createSqliteConversationAnalytics(db),
    async events(query) {
      const limit = query.limit ?? 200;
      const rows = query.session_id
        ? sessionEventsStmt.all(query.session_id, query.after, limit)
        : queueEventsStmt.all(query.after, limit);
      return rows.map(
        (r) =>
          ({
            id: r.id,
            session_id: r.session_id,
            type: r.type,
            at: r.at,
            data: json(r.data),
          }) as ConversationEvent,
      );
    },
    async list(query) {
      return listStmt.all(query.status ?? null, query.status ?? null, query.limit ?? 50).map(toHead);
    },
  };
}
