import type { Channel } from './types.js';

/** Where a piece of feedback came from: said in the conversation, or a rating given on it. */
export type FeedbackSource = 'conversation' | 'rating';

/** What a customer thought: a rating from 1 (bad) to 5 (great), words, or both. */
export interface Feedback {
  feedback_id: string;
  user_id: string;
  /** The conversation it was given in or about; null for none. */
  session_id: string | null;
  channel: Channel;
  source: FeedbackSource;
  rating: number | null;
  text: string | null;
  created_at: string;
}

/** A rating written into a message: "5 stars", "4/5", "2 out of 5", "10/10" (read as 5). */
export function ratingIn(message: string): number | null {
  const outOfTen = /\b(10|[0-9])\s*(?:\/|out of)\s*10\b/i.exec(message);
  if (outOfTen) return Math.max(1, Math.round(Number(outOfTen[1]) / 2));
  const outOfFive = /\b([1-5])\s*(?:\/\s*5|out of (?:5|five)|stars?|⭐)/i.exec(message);
  if (outOfFive) return Number(outOfFive[1]);
  const emoji = message.match(/⭐/g)?.length ?? 0;
  return emoji >= 1 && emoji <= 5 ? emoji : null;
}
