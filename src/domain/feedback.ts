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

/** A rating as a whole number from 1 to 5, halves rounded down. */
const clamp = (n: number) => Math.min(5, Math.max(1, Math.floor(n)));

/** A rating written into a message: "5 stars", "4/5", "2 out of 5", "10/10" (read as 5), "2.5 stars" (2). */
export function ratingIn(message: string): number | null {
  // A number standing alone (not part of 12/3/2026 or 1.5.2), and not a date ("on 3/5").
  const number = String.raw`(?<![\d.,/])(?<!\b(?:on|by|from|until|since|before|after|the)\s)(\d{1,2}(?:\.\d)?)`;
  const outOfTen = new RegExp(`${number}\\s*(?:/|out of)\\s*10(?!\\d|[/.,]\\d)`, 'i').exec(message);
  if (outOfTen) return clamp(Number(outOfTen[1]) / 2);
  const outOfFive = new RegExp(
    `${number}\\s*(?:/\\s*5(?!\\d|[/.,]\\d)|out of (?:5|five)|stars?\\b|⭐)`,
    'i',
  ).exec(message);
  if (outOfFive) return Number(outOfFive[1]) <= 5 ? clamp(Number(outOfFive[1])) : null;
  const emoji = message.match(/⭐/g)?.length ?? 0;
  return emoji >= 1 && emoji <= 5 ? emoji : null;
}
