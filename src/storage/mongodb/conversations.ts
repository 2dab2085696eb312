import type { Clock } from '../../domain/clock.js';
import type { ConversationHead, ConversationStatus } from '../../domain/types.js';
import { conversationNotFound } from '../errors.js';
import type { ConversationStore } from '../ports.js';
import { statusCountsPipeline } from './analytics-pipelines.js';
import { createMongoConversationAnalytics } from './conversation-analytics.js';
import { isDuplicateKey, type Mongo } from './database.js';
import {
  LIST_ORDER,
  messageOf,
  newHead,
  toEvent,
  toHead,
  toMessage,
  type EventDoc,
  type HeadDoc,
  type MessageDoc,
} from './conversation-documents.js';

/** The series conversation events are numbered in (see `Mongo.nextIds`). */
const EVENT_IDS = 'conversation_events';

/**
 * Conversations, their messages and the events that record both. Appending and changing status are
 * transactions that number their events as they commit, so a stream that resumes after an event misses
 * none written later.
 */
export function createMongoConversationStore(mongo: Mongo, now: Clock): ConversationStore {
  const heads = mongo.db.collection<HeadDoc>('conversations');
  const messages = mongo.db.collection<MessageDoc>('conversation_messages');
  const events = mongo.db.collection<EventDoc>('conversation_events');

  const appendOnce: ConversationStore['append'] = (sessionId, userId, channel, list) =>
    mongo.tx(async (session) => {
      const at = list.at(-1)?.timestamp ?? now().toISOString();
      const head = await heads.findOne({ _id: sessionId }, { session });
      // Someone else's conversation: answered exactly as one that does not exist.
      if (head && head.user_id !== userId) throw conversationNotFound(sessionId);
      if (head) await heads.updateOne({ _id: sessionId }, { $set: { updated_at: at, channel } }, { session });
      else
        await heads.insertOne(newHead(sessionId, userId, channel, list[0]?.timestamp ?? at, at), {
          session,
        });
      if (list.length === 0) return;
      const status = head?.status ?? 'bot';
      const forOperators = status === 'handoff' || status === 'human';
      const last = await mongo.nextIds(EVENT_IDS, list.length, session);
      const recorded = list.map((m, i) => ({ id: last - list.length + 1 + i, message: messageOf(m) }));
      await messages.insertMany(
        recorded.map(({ id, message }) => ({ ...message, id, session_id: sessionId })),
        { session },
      );
      await events.insertMany(
        recorded.map(({ id, message }) => ({
          id,
          session_id: sessionId,
          type: 'message' as const,
          data: message,
          at: message.timestamp,
          for_operators: forOperators,
        })),
        { session },
      );
    });

  const page = async (filter: object, limit: number) =>
    limit === 0
      ? []
      : (await events.find(filter).sort({ id: 1 }).limit(Math.max(0, limit)).toArray()).map(toEvent);

  return {
    async append(sessionId, userId, channel, list) {
      try {
        await appendOnce(sessionId, userId, channel, list);
      } catch (error) {
        // Started by two first messages at once: the one that lost finds it made, and appends again.
        if (!isDuplicateKey(error)) throw error;
        await appendOnce(sessionId, userId, channel, list);
      }
    },
    async ownerOf(sessionId) {
      return (await heads.findOne({ _id: sessionId }, { projection: { user_id: 1 } }))?.user_id ?? null;
    },
    async transfer(sessionId, from, to) {
      return (
        (await heads.updateOne({ _id: sessionId, user_id: from }, { $set: { user_id: to } })).matchedCount ===
        1
      );
    },
    async get(sessionId, limit) {
      const head = await heads.findOne({ _id: sessionId });
      if (!head) return null;
      // The newest `limit` (all when absent or negative, as SQL's LIMIT -1), oldest first.
      const newest =
        limit === 0
          ? []
          : await messages
              .find({ session_id: sessionId })
              .sort({ id: -1 })
              .limit(limit === undefined || limit < 0 ? 0 : limit)
              .toArray();
      return { ...toHead(head), messages: newest.reverse().map(toMessage), metadata: head.metadata ?? {} };
    },
    async head(sessionId) {
      const head = await heads.findOne({ _id: sessionId });
      return head ? toHead(head) : null;
    },
    setStatus(input) {
      // The move and its event, together: a stream never misses a change nor sees one that did not happen.
      return mongo.tx(async (session): Promise<ConversationHead | null> => {
        const set: Partial<HeadDoc> = {
          status: input.to,
          status_at: input.at,
          operator: input.operator ?? null,
        };
        if (input.to !== 'handoff' && input.to !== 'human') set.ticket_at = null;
        if (input.to === 'bot') set.handoff_reason = null;
        else if (input.reason != null) set.handoff_reason = input.reason;
        const moved = await heads.findOneAndUpdate(
          { _id: input.session_id, status: { $in: [...input.from] } },
          { $set: set },
          { session, returnDocument: 'after' },
        );
        if (!moved) return null;
        const head = toHead(moved);
        await events.insertOne(
          {
            id: await mongo.nextIds(EVENT_IDS, 1, session),
            session_id: input.session_id,
            type: 'status',
            data: { status: head.status, operator: head.operator, reason: head.handoff_reason },
            at: input.at,
            for_operators: true,
          },
          { session },
        );
        return head;
      });
    },
    async takeOverdueHandoffs(before, at, limit) {
      if (limit === 0) return [];
      const overdue = await heads
        .find({ status: 'handoff', ticket_at: null, status_at: { $lte: before } })
        .sort({ status_at: 1 })
        .limit(Math.max(0, limit))
        .toArray();
      // Each made a ticket by one sweeper only: the one whose update still finds it without one.
      const taken: ConversationHead[] = [];
      for (const head of overdue) {
        const ticketed = await heads.updateOne(
          { _id: head._id, status: 'handoff', ticket_at: null },
          { $set: { ticket_at: at } },
        );
        if (ticketed.matchedCount === 1) taken.push(toHead({ ...head, ticket_at: at }));
      }
      return taken;
    },
    async lastEventId() {
      return (
        (
          await events
            .find({}, { projection: { id: 1 } })
            .sort({ id: -1 })
            .limit(1)
            .next()
        )?.id ?? 0
      );
    },
    async countByStatus() {
      const docs = await heads
        .aggregate<{ _id: ConversationStatus; count: number }>(statusCountsPipeline())
        .toArray();
      return docs.map((d) => ({ status: d._id, count: d.count }));
    },
    ...createMongoConversationAnalytics(mongo),
    async events(query) {
      const limit = query.limit ?? 200;
      // What operators saw live is what a replay gives: marked when it happened, never by today's status.
      return query.session_id
        ? page({ session_id: query.session_id, id: { $gt: query.after } }, limit)
        : page({ for_operators: true, id: { $gt: query.after } }, limit);
    },
    async list(query) {
      const limit = query.limit ?? 50;
      if (limit === 0) return [];
      const docs = await heads
        .aggregate<HeadDoc>([
          { $match: query.status ? { status: query.status } : {} },
          ...LIST_ORDER,
          ...(limit > 0 ? [{ $limit: limit }] : []),
        ])
        .toArray();
      return docs.map(toHead);
    },
  };
}
