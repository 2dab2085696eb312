import type {
  Channel,
  ConversationEvent,
  ConversationHead,
  ConversationLog,
  ConversationMessage,
  ConversationStatus,
  OrderStatus,
} from '../../domain/types.js';
import type { DayRange } from '../../domain/days.js';

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
  /** How many conversations are in each status; a status with none is left out. */
  countByStatus(): Promise<{ status: ConversationStatus; count: number }[]>;
  // What analytics counts, aggregated where the data is: no count stops at how many rows a process
  // could read. An answered turn is an assistant message with an intent (notices have none); a turn, a
  // status change and an order belong to the day they happened on in `days.timeZone`.
  /**
   * The answered turns on each day of `days`, per channel: the conversations with one (each once a
   * day) and the model use they took. A day or channel with none is left out.
   */
  turnsByDay(days: DayRange): Promise<DayTurns[]>;
  /** How many answered turns on the days of `days` were understood as each intent. */
  intentCounts(days: DayRange): Promise<{ intent: string; turns: number }[]>;
  /**
   * How long answered turns on the days of `days` took, leaving out those recorded without a time:
   * for each of `shares` (in (0, 1]; 0.5 for the median), the nearest-rank percentile - the time at
   * rank ceil(share x n) of the n timed turns, fastest first - over all the days and per day (a day
   * with none timed is left out).
   */
  turnLatency(
    days: DayRange,
    shares: readonly number[],
  ): Promise<{ all: TurnLatency; by_day: (TurnLatency & { day: string })[] }>;
  /**
   * The conversations with an answered turn on the days of `days`, and how many of them got as far as
   * each step: a product shown, one added to the cart, an order placed on those days (read from the
   * orders, by the conversation they were placed in), one of those orders now in a status of `paid`.
   */
  funnel(days: DayRange, paid: readonly OrderStatus[]): Promise<Funnel>;
  /**
   * Per day of `days`, the handoffs asked for (status changes to `handoff`), how many a person took -
   * the conversation's next status change on those days that is not to `handoff` is to `human` - and
   * how long those waited in all (milliseconds, from the one change to the other). A day with none is
   * left out.
   */
  handoffsByDay(
    days: DayRange,
  ): Promise<{ day: string; handoffs: number; answered: number; wait_ms: number }[]>;
}

/** One day's answered turns on one channel. */
export interface DayTurns {
  day: string;
  channel: Channel;
  /** Conversations with an answered turn that day. */
  conversations: number;
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  /**
   * Summed in hundred-millionths of a dollar, what each turn's cost is kept to (llm/cost.ts), so the
   * sum is exact however many turns there are.
   */
  cost_usd: number;
}

/** How many turns were timed, and the time at each share asked for, in order (none when none were). */
export interface TurnLatency {
  timed: number;
  ms: number[];
}

/** Conversations, and how many of them got as far as each step towards a paid order. */
export interface Funnel {
  conversations: number;
  product_shown: number;
  added_to_cart: number;
  ordered: number;
  paid: number;
}
