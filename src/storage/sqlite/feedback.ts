import type { FeedbackStore } from '../../feedback/feedback-store.js';
import type { Feedback } from '../../domain/feedback.js';

import type { Db } from './database.js';

const COLUMNS = 'feedback_id, user_id, session_id, channel, source, rating, text, created_at';

export function createSqliteFeedbackStore(db: Db): FeedbackStore {
  const insert = db.prepare(
    `INSERT INTO feedback (${COLUMNS}) VALUES (@feedback_id, @user_id, @session_id, @channel, @source, @rating, @text, @created_at)`,
  );
  const dropRating = db.prepare("DELETE FROM feedback WHERE session_id = ? AND source = 'rating'");
  const replace = db.transaction((feedback: Feedback) => {
    if (feedback.source === 'rating' && feedback.session_id) dropRating.run(feedback.session_id);
    insert.run(feedback);
  });
  return {
    async add(feedback) {
      replace(feedback);
    },
    async list({ max_rating, user_id, limit = 100 }) {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (max_rating !== undefined) {
        where.push('rating IS NOT NULL AND rating <= ?');
        args.push(max_rating);
      }
      if (user_id !== undefined) {
        where.push('user_id = ?');
        args.push(user_id);
      }
      const sql = `SELECT ${COLUMNS} FROM feedback ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
      return db.prepare<(string | number)[], Feedback>(sql).all(...args, limit);
    },
  };
}
