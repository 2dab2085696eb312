import { randomUUID } from 'node:crypto';
import type { Feedback, FeedbackSource } from '../domain/feedback.js';
import type { Channel } from '../domain/types.js';
import { AppError } from '../errors.js';
import type { Storage } from '../storage/ports.js';
import type { Clock } from '../domain/clock.js';

export interface FeedbackInput {
  user_id: string;
  session_id: string | null;
  channel: Channel;
  source: FeedbackSource;
  rating?: number | null;
  text?: string | null;
}

export interface FeedbackService {
  /** Keeps what the customer thought; a rating is a whole number from 1 to 5. */
  give(input: FeedbackInput): Promise<Feedback>;
  list(query: { max_rating?: number; user_id?: string; limit?: number }): Promise<Feedback[]>;
}

/** Customer feedback: kept as given, for the shop's team to read. */
export function createFeedbackService(
  storage: Pick<Storage, 'feedback'>,
  options: { now: Clock },
): FeedbackService {
  const { now } = options;
  return {
    async give(input) {
      const rating = input.rating ?? null;
      const text = input.text?.trim() || null;
      if (rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 5))
        throw new AppError('VALIDATION_FAILED', 'rating: a whole number from 1 to 5');
      if (rating === null && text === null)
        throw new AppError('VALIDATION_FAILED', 'feedback needs a rating or some words');
      const feedback: Feedback = {
        feedback_id: `FB-${randomUUID().slice(0, 8).toUpperCase()}`,
        user_id: input.user_id,
        session_id: input.session_id,
        channel: input.channel,
        source: input.source,
        rating,
        text,
        created_at: now().toISOString(),
      };
      await storage.feedback.add(feedback);
      return feedback;
    },
    list: (query) => storage.feedback.list(query),
  };
}
