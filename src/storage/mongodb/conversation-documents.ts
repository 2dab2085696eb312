import type {
  Channel,
  ConversationEvent,
  ConversationHead,
  ConversationMessage,
  ConversationStatus,
} from '../../domain/types.js';
import { asJson } from './documents.js';

/** A conversation without its messages; `_id` is its session id. */
export interface HeadDoc {
  _id: string;
  session_id: string;
  user_id: string;
  channel: Channel;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  status: ConversationStatus;
  status_at: string | null;
  operator: string | null;
  handoff_reason: string | null;
  ticket_at: string | null;
}

/** One message, numbered by the id of the event that recorded it (which orders a conversation's). */
export interface MessageDoc extends ConversationMessage {
  id: number;
  session_id: string;
}

export interface EventDoc {
  id: number;
  session_id: string;
  type: ConversationEvent['type'];
  data: ConversationEvent['data'];
  at: string;
  /** Operators see it: a status change, or a message while a person was wanted (marked when it happened). */
  for_operators: boolean;
}

export const newHead = (
  sessionId: string,
  userId: string,
  channel: Channel,
  createdAt: string,
  updatedAt: string,
): HeadDoc => ({
  _id: sessionId,
  session_id: sessionId,
  user_id: userId,
  channel,
  metadata: {},
  created_at: createdAt,
  updated_at: updatedAt,
  status: 'bot',
  status_at: null,
  operator: null,
  handoff_reason: null,
  ticket_at: null,
});

export const toHead = (d: HeadDoc): ConversationHead => ({
  session_id: d.session_id,
  user_id: d.user_id,
  channel: d.channel,
  status: d.status ?? 'bot',
  operator: d.operator ?? null,
  handoff_reason: d.handoff_reason ?? null,
  status_at: d.status_at ?? d.created_at,
  ticket_at: d.ticket_at ?? null,
  created_at: d.created_at,
  updated_at: d.updated_at,
});

/** A message as recorded: its fields, as JSON keeps them. */
export const messageOf = (m: ConversationMessage): ConversationMessage => ({
  role: m.role,
  content: m.content,
  timestamp: m.timestamp,
  agent_name: m.agent_name ?? null,
  metadata: asJson(m.metadata ?? {}),
});

export const toMessage = (d: MessageDoc): ConversationMessage => ({
  role: d.role,
  content: d.content,
  timestamp: d.timestamp,
  agent_name: d.agent_name ?? null,
  metadata: d.metadata ?? {},
});

export const toEvent = (d: EventDoc): ConversationEvent =>
  ({ id: d.id, session_id: d.session_id, type: d.type, at: d.at, data: d.data }) as ConversationEvent;

/**
 * The operators' order of conversations in a list: those in `handoff` by how long they have waited,
 * after the others (which have no wait, as SQL sorts NULL first), newest change first within either.
 */
export const LIST_ORDER = [
  {
    $addFields: {
      waiting_since: {
        $cond: [{ $eq: ['$status', 'handoff'] }, { $ifNull: ['$status_at', '$created_at'] }, null],
      },
    },
  },
  { $sort: { waiting_since: 1, updated_at: -1 } },
];
