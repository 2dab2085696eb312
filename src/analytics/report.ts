import type { Channel } from '../domain/types.js';

/**
 * What GET /api/admin/analytics answers with. The operator console imports this type too, so this file
 * imports nothing but types the browser build can resolve.
 */
export interface Analytics {
  from: string;
  to: string;
  time_zone: string;
  days: string[];
  conversations: { total: number; by_day: ({ day: string; total: number } & Record<Channel, number>)[] };
  /** Conversations in the range that got as far as each step. */
  funnel: {
    conversations: number;
    product_shown: number;
    added_to_cart: number;
    ordered: number;
    paid: number;
  };
  intents: { intent: string; turns: number }[];
  handoffs: {
    total: number;
    /** Of those, taken by a person in the range, and how long they waited (minutes, mean). */
    answered: number;
    avg_wait_minutes: number | null;
    by_day: { day: string; handoffs: number; avg_wait_minutes: number | null }[];
  };
  model: {
    calls: number;
    prompt_tokens: number;
    completion_tokens: number;
    cost_usd: number;
    by_day: {
      day: string;
      calls: number;
      prompt_tokens: number;
      completion_tokens: number;
      cost_usd: number;
    }[];
  };
  latency: {
    turns_timed: number;
    p50_ms: number | null;
    p95_ms: number | null;
    by_day: { day: string; p50_ms: number | null; p95_ms: number | null }[];
  };
  orders: { placed: number; paid: number; revenue: number };
}
