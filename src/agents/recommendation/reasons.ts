import type { Reason } from './ranking.js';

/** A product on a list, as far as telling it apart from the others goes. */
export interface Listed {
  name: string;
  price: number;
  rating: number;
  reasons: readonly Reason[];
}

export interface ListReasons {
  /** Per product, in list order: what sets it apart on this list, or nothing worth saying. */
  reasons: (string | undefined)[];
  /** A reason of the customer's own that every product on the list shares, said once for all of them. */
  shared?: string;
}

/** Lists shorter than this have no "lowest price" or "best rated" worth pointing at. */
const RELATIVE_FROM = 3;

/**
 * What to say next to each product of a list. A reason says something only when it tells products apart:
 * one that more than half the list shares ("one of our best sellers" ten times over) is dropped, and a
 * personal one that all of it shares ("because you bought the ...") is said once for the list instead.
 * The list itself adds facts from data: the one lowest price, the one best rating. The customer's own
 * reasons come first, then those facts, then the shop's (featured, best seller, rating).
 */
export function reasonsFor(listed: readonly Listed[]): ListReasons {
  const holders = new Map<string, number>();
  for (const p of listed) {
    for (const key of new Set(p.reasons.map((r) => r.key))) holders.set(key, (holders.get(key) ?? 0) + 1);
  }
  const tellsApart = (r: Reason) => (holders.get(r.key) ?? 0) * 2 <= listed.length;
  const shared =
    listed.length > 1
      ? listed[0]!.reasons.find((r) => r.personal && r.once && holders.get(r.key) === listed.length)?.once
      : undefined;
  const only = <T>(values: T[], best: T): boolean => values.filter((v) => v === best).length === 1;
  const prices = listed.map((p) => p.price);
  const ratings = listed.map((p) => p.rating);
  const lowest = Math.min(...prices);
  const best = Math.max(...ratings);
  const relative = listed.length >= RELATIVE_FROM;
  const reasons = listed.map((p) => {
    const own = p.reasons.filter(tellsApart);
    const facts = [
      relative && p.price === lowest && only(prices, lowest) ? 'the lowest price here' : undefined,
      relative && p.rating === best && only(ratings, best)
        ? `the best rated here (${p.rating.toFixed(1)} out of 5)`
        : undefined,
    ].filter((f): f is string => f !== undefined);
    return own.find((r) => r.personal)?.text ?? facts[0] ?? own[0]?.text;
  });
  return shared ? { reasons, shared } : { reasons };
}
