import type { Order } from '../../domain/types.js';
import type { PendingOrder } from '../../graph/state.js';
import type { Turn } from '../flow.js';

/** An order id as the shop writes them, anywhere in the message. */
export const orderIdIn = (message: string): string | null =>
  /\bORD-[A-Z0-9-]+\b/i.exec(message)?.[0].toUpperCase() ?? null;

/** Words that say nothing about which order: "where is my order", "cancel the one from yesterday". */
const NOT_NAMES = new Set(
  'order orders where when what which cancel change update address deliver delivery delivered shipping shipped ship send sent arrive arriving status track tracking please could would want that this from with there their about still have been will come coming placed bought item items thing things package parcel'.split(
    ' ',
  ),
);

/** The order whose items the message names ("the laptop one"), when exactly one of `orders` fits. */
function namedByItem(message: string, orders: readonly Order[]): Order | null {
  const words = (message.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !NOT_NAMES.has(w));
  if (words.length === 0) return null;
  const fits = orders.filter((o) =>
    o.items.some((i) => {
      const name = i.name.toLowerCase();
      // "laptops" names "Laptop 14"; "shoes" names "Running Shoe".
      return words.some((w) => name.includes(w) || name.includes(w.replace(/e?s$/, '')));
    }),
  );
  return fits.length === 1 ? fits[0]! : null;
}

export type Picked =
  | { order: Order }
  /** An id the customer named that is none of theirs. */
  | { unknown: string }
  | { choose: Order[] }
  | { none: true };

/**
 * Which order a message means: one it names by id (any of theirs), a position or an item in the list just
 * offered, an item among `candidates`, or the only candidate; several candidates -> ask which.
 */
export function pickOrder(
  { state }: Turn,
  orders: readonly Order[],
  candidates: readonly Order[],
  pending: PendingOrder | null,
): Picked {
  const named = orderIdIn(state.message);
  if (named) {
    const order = orders.find((o) => o.order_id === named);
    return order ? { order } : { unknown: named };
  }
  const offered = pending?.choices.length
    ? pending.choices.flatMap((id) => orders.filter((o) => o.order_id === id))
    : [];
  const ref = state.entities.reference;
  if (offered.length > 0 && ref?.kind === 'ordinal') {
    const order = ref.index < 0 ? offered.at(ref.index) : offered[ref.index];
    if (order) return { order };
  }
  const byItem = namedByItem(state.message, offered.length > 0 ? offered : candidates);
  if (byItem) return { order: byItem };
  if (candidates.length === 1) return { order: candidates[0]! };
  if (candidates.length > 1) return { choose: [...candidates] };
  return { none: true };
}

/** The pending question of this flow, when it is the one open. */
export const pendingOrder = (turn: Turn, action: PendingOrder['action']): PendingOrder | null =>
  turn.state.pending?.action === action ? turn.state.pending : null;
