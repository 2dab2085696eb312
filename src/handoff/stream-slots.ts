import { AppError } from '../errors.js';

/** One count a new stream must fit under: `key` names whose streams they are, `limit` how many. */
export interface SlotClaim {
  key: string;
  limit: number;
  /** Whose streams, for the refusal: "for this customer", "from this address". */
  whose: string;
}

/** How long a refused client should wait before asking again: a tab elsewhere may have closed by then. */
export const RETRY_AFTER_SECONDS = 30;

/**
 * Counts open streams per key (user, address, operator) in this instance. `take` fits a stream under
 * every claim or takes nothing and throws RATE_LIMITED naming the limit reached; the function it returns
 * frees the slots (once, however often it is called).
 */
export function createStreamSlots() {
  const open = new Map<string, number>();
  const count = (key: string) => open.get(key) ?? 0;
  return {
    take(claims: readonly SlotClaim[]): () => void {
      const full = claims.find((c) => count(c.key) >= c.limit);
      if (full) {
        throw new AppError(
          'RATE_LIMITED',
          `Too many live streams ${full.whose}: at most ${full.limit} open at once. Close one (another tab or window) and try again.`,
          { details: { limit: full.limit } },
        );
      }
      for (const c of claims) open.set(c.key, count(c.key) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        for (const c of claims) {
          const left = count(c.key) - 1;
          if (left > 0) open.set(c.key, left);
          else open.delete(c.key);
        }
      };
    },
    /** Streams open under `key`. */
    count,
  };
}

export type StreamSlots = ReturnType<typeof createStreamSlots>;
