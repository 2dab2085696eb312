import type { Feedback } from '../../domain/feedback.js';
import type { FeedbackStore } from '../ports.js';
import type { Db } from './database.js';

const COLUMNS = 'feedback_id, user_id, session_id, channel, source, rating, text, created_at';

export function createSqliteFeedbackStore(db: Db): FeedbackStore {
  const insert = db.prepare(
    `INSERT INTO feedback (${COLUMNS}) VALUES (@feedback_id, @user_id, @session_id, @channel, @source, @rating, @text, @created_at)`,
  );
  return {
    async add(feedback) {
      insert.run(feedback);
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
