import type { Feedback } from '../domain/feedback.js';

/** What customers thought, as they said it or rated it. */
export interface FeedbackStore {
  /**
   * Keeps feedback. A conversation has one rating (`source: 'rating'`): rating it again replaces the
   * earlier rating, which keeps its place in the list no more.
   */
  add(feedback: Feedback): Promise<void>;
  /** Newest first; `max_rating` keeps rated ones at or below it (the unhappy ones). */
  list(query: { max_rating?: number; user_id?: string; limit?: number }): Promise<Feedback[]>;
}

declare module '../storage/storage.js' {
  interface Storage {
    /** What customers thought, kept for the shop's team. */
    feedback: FeedbackStore;
  }
}
