/** What the retention sweep keeps of conversation state and the live-stream log. */
export interface RetentionPolicy {
  /** Checkpoints kept per conversation, newest first: the next turn needs only the latest. */
  keep_checkpoints: number;
  /** Conversations last written before this (ISO time) lose their state; their transcript stays. */
  idle_before: string;
  /** Conversation events (what live streams replay) recorded before this (ISO time) are dropped. */
  events_before: string;
}

/** What one sweep removed. */
export interface PruneReport {
  /** Checkpoints dropped, older ones of active conversations and all of idle ones. */
  checkpoints: number;
  /** Idle conversations whose state was dropped. */
  idle_conversations: number;
  events: number;
}

/** Rows a sweep deletes per statement, so that it never holds the database for long. */
export const PRUNE_BATCH = 2000;
