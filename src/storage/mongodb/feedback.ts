import type { Feedback } from '../../domain/feedback.js';
import type { FeedbackStore } from '../../feedback/feedback-store.js';
import { isDuplicateKey, type Mongo } from './database.js';

interface FeedbackDoc extends Feedback {
  /** Increasing, in the order feedback was kept: what "newest first" means. */
  seq: number;
}

const toFeedback = (d: Feedback): Feedback => ({
  feedback_id: d.feedback_id,
  user_id: d.user_id,
  session_id: d.session_id ?? null,
  channel: d.channel,
  source: d.source,
  rating: d.rating ?? null,
  text: d.text ?? null,
  created_at: d.created_at,
});

/** Whether a write was refused for a second rating of a conversation (not for a feedback id used twice). */
const isSecondRating = (error: unknown) =>
  isDuplicateKey(error) &&
  (error as { keyPattern?: Record<string, unknown> }).keyPattern?.session_id !== undefined;

export function createMongoFeedbackStore(mongo: Mongo): FeedbackStore {
  const feedback = mongo.db.collection<FeedbackDoc>('feedback');
  return {
    async add(given) {
      const doc: FeedbackDoc = { ...toFeedback(given), seq: await mongo.nextIds('feedback', 1) };
      if (doc.source !== 'rating' || !doc.session_id) {
        await feedback.insertOne(doc);
        return;
      }
      // A conversation's rating replaces the one before it in one write (its place in the list too, as
      // it takes a new seq); a feedback id used before is refused by its unique index.
      for (let attempt = 1; ; attempt++) {
        try {
          await feedback.replaceOne({ session_id: doc.session_id, source: 'rating' }, doc, { upsert: true });
          return;
        } catch (error) {
          // Two first ratings at once: the one that lost replaces the other's.
          if (!isSecondRating(error) || attempt >= 3) throw error;
        }
      }
    },
    async list({ max_rating, user_id, limit = 100 }) {
      if (limit === 0) return [];
      const docs = await feedback
        .find({
          ...(max_rating !== undefined ? { rating: { $ne: null, $lte: max_rating } } : {}),
          ...(user_id !== undefined ? { user_id } : {}),
        })
        .sort({ seq: -1 })
        .limit(Math.max(0, limit))
        .toArray();
      return docs.map(toFeedback);
    },
  };
}
