import type {
  Channel,
  ConversationEvent,
  ConversationHead,
  ConversationLog,
  ConversationMessage,
  ConversationStatus,
} from '../../domain/types.js';

/** Conversation transcripts, appended to per turn. Each belongs to the customer who started it. */
export interface ConversationStore {
  /**
   * Appends to a conversation, starting it for `userId` when new. Refuses (NOT_FOUND, as if it did not
   * exist) when the session belongs to someone else: a conversation never changes hands.
   */
  append(sessionId: string, userId: string, channel: Channel, messages: ConversationMessage[]): Promise<void>;
  /** Who the conversation belongs to; null when there is none. */
  ownerOf(sessionId: string): Promise<string | null>;
  /**
   * Hands a conversation from `from` to `to`, atomically: true when it was `from`'s and now is `to`'s.
   * Only for a channel's guest joining the account that proved (or staff say) it owns the number or chat;
   * otherwise conversations never change hands.
   */
  transfer(sessionId: string, from: string, to: string): Promise<boolean>;
  /** The log with its newest `limit` messages (all when omitted); null on a miss. */
  get(sessionId: string, limit?: number): Promise<ConversationLog | null>;
  /** The conversation without its messages; null on a miss. */
  head(sessionId: string): Promise<ConversationHead | null>;
  /**
   * Moves a conversation to `to`, atomically and only from one of `from` (so of two operators claiming
   * at once, one wins): the conversation as it now stands, or null when it was in none of them.
   */
  setStatus(input: {
    session_id: string;
    to: ConversationStatus;
    from: readonly ConversationStatus[];
    at: string;
    /** The operator who claims it (`human`); cleared otherwise. */
    operator?: string | null;
    /** Why a person was asked for (`handoff`); kept until it is back with the assistant. */
    reason?: string;
  }): Promise<ConversationHead | null>;
  /**
   * Handoffs waiting since `before` or longer that are not tickets yet, each now made one (`ticket_at`),
   * atomically: of several processes sweeping at once, each conversation is returned to one.
   */
  takeOverdueHandoffs(before: string, at: string, limit: number): Promise<ConversationHead[]>;
  /** Conversations in a status (all when absent), the longest waiting first for `handoff`, else newest. */
  list(query: { status?: ConversationStatus; limit?: number }): Promise<ConversationHead[]>;
  /**
   * What happened after event `after` (0: from the start), oldest first: every message appended and
   * every status change, recorded with them. One conversation's, or - without `session_id` - the status
   * changes of all, with the messages written while a person was asked for or had it (the operators'
   * queue; marked when they happen, so a replay is what was streamed live).
   */
  events(query: { session_id?: string; after: number; limit?: number }): Promise<ConversationEvent[]>;
  /** The newest event's id (0 when none): where a stream that wants only what comes next starts. */
  lastEventId(): Promise<number>;
  /** The assistant's turns answered in [from, to) (ISO times), oldest first: what analytics counts. */
  turnsBetween(from: string, to: string): Promise<TurnRecord[]>;
  /** Every status change in [from, to), oldest first. */
  statusChangesBetween(
    from: string,
    to: string,
  ): Promise<{ session_id: string; status: ConversationStatus; at: string }[]>;
}

/** One answered turn as recorded in the transcript, for analytics. */
export interface TurnRecord {
  session_id: string;
  user_id: string;
  channel: Channel;
  at: string;
  intent: string;
  /** How long the turn took; null for turns recorded before this was kept. */
  ms: number | null;
  /** Products it showed, and whether it put one in the cart. */
  shown: number;
  added: boolean;
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
}
