import type { Feedback } from '../../domain/feedback.js';
import type { FeedbackStore } from '../../feedback/feedback-store.js';
import type { Pg } from './database.js';

const COLUMNS = 'feedback_id, user_id, session_id, channel, source, rating, text, created_at';

export function createPgFeedbackStore(pg: Pg): FeedbackStore {
  return {
    async add(feedback) {
      // A conversation's new rating takes the place of its earlier one in one statement, so two ratings
      // given at once leave one, never two or an error; a new sequence number puts it first in the list.
      await pg.query(
        `INSERT INTO feedback (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (session_id) WHERE source = 'rating' DO UPDATE SET
           seq = nextval(pg_get_serial_sequence('feedback', 'seq')), ${COLUMNS.split(', ')
             .map((c) => `${c} = excluded.${c}`)
             .join(', ')}`,
        [
          feedback.feedback_id,
          feedback.user_id,
          feedback.session_id,
          feedback.channel,
          feedback.source,
          feedback.rating,
          feedback.text,
          feedback.created_at,
        ],
      );
    },
    async list({ max_rating, user_id, limit = 100 }) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (max_rating !== undefined) {
        args.push(max_rating);
        where.push(`rating IS NOT NULL AND rating <= $${args.length}`);
      }
      if (user_id !== undefined) {
        args.push(user_id);
        where.push(`user_id = $${args.length}`);
      }
      args.push(limit);
      return pg.query<Feedback>(
        `SELECT ${COLUMNS} FROM feedback ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY seq DESC LIMIT $${args.length}`,
        args,
      );
    },
  };
}
