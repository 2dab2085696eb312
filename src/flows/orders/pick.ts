import type { Order } from '../../domain/types.js';
import type { PendingOrder } from './pending.js';
import type { Turn } from '../flow.js';

/** An order id as the shop writes them, anywhere in the message. */
export const orderIdIn = (message: string): string | null =>
  /\bORD-[A-Z0-9-]+\b/i.exec(message)?.[0].toUpperCase() ?? null;

/** Words that say nothing about which order: "where is my order", "yes the one from yesterday please". */
const NOT_NAMES = new Set(
  'order orders where when what which cancel change update address deliver delivery delivered shipping shipped ship send sent arrive arriving status track tracking please pls could would want that this those them from with there their about still have been will come coming placed bought item items thing things package parcel the one yes yeah for and its thanks'.split(
    ' ',
  ),
);

/**
 * Which of several orders (each given by its item names) the message names by an item ("the laptop
 * one", "the shoes"): its index when exactly one fits, else -1.
 */
export function itemNamed(message: string, orders: readonly (readonly string[])[]): number {
  const words = (message.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => !NOT_NAMES.has(w));
  if (words.length === 0) return -1;
  const fits = orders.flatMap((names, index) =>
    names.some((n) => {
      const name = n.toLowerCase();
      // "laptops" names "Laptop 14"; "shoes" names "Running Shoe"; "tshirt" names "T-Shirt".
      const flat = name.replace(/[^\p{L}\d ]/gu, '');
      return words.some((w) => name.includes(w) || name.includes(w.replace(/e?s$/, '')) || flat.includes(w));
    })
      ? [index]
      : [],
  );
  return fits.length === 1 ? fits[0]! : -1;
}

const namesOf = (o: Order) => o.items.map((i) => i.name);

/** A position in the list just offered: "2", "#2", "number 2", "the second one", "the last one". */
export function positionIn(
  message: string,
  ref: Turn['state']['entities']['reference'],
  count: number,
): number {
  const bare = /^\s*(?:#|no\.?\s*|number\s+|option\s+)?(\d{1,2})\s*[.!)]?\s*$/i.exec(message);
  if (bare) {
    const n = Number(bare[1]);
    return n >= 1 && n <= count ? n - 1 : -1;
  }
  if (/\b(?:the )?last(?: one)?\b/i.test(message) && message.trim().split(/\s+/).length <= 4)
    return count - 1;
  if (ref?.kind === 'ordinal') {
    const index = ref.index < 0 ? count + ref.index : ref.index;
    return index >= 0 && index < count ? index : -1;
  }
  return -1;
}

/** Whether a short message answers "which order?" by position or item (for the flow's `answers`). */
export const answersWhich = (
  message: string,
  ref: Turn['state']['entities']['reference'],
  items: readonly (readonly string[])[],
): boolean =>
  positionIn(message, ref, items.length) >= 0 ||
  (message.trim().split(/\s+/).length <= 6 && itemNamed(message, items) >= 0);

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
  if (offered.length > 0) {
    const at = positionIn(state.message, state.entities.reference, offered.length);
    if (at >= 0) return { order: offered[at]! };
  }
  const among = offered.length > 0 ? offered : candidates;
  const byItem = itemNamed(state.message, among.map(namesOf));
  if (byItem >= 0) return { order: among[byItem]! };
  if (candidates.length === 1) return { order: candidates[0]! };
  if (candidates.length > 1) return { choose: [...candidates] };
  return { none: true };
}

/** The "which order?" question for these orders, remembering their items for the answer. */
export const whichOf = (
  action: PendingOrder['action'],
  orders: readonly Order[],
  extra: Partial<PendingOrder> = {},
): PendingOrder => ({
  action,
  order_id: null,
  status: null,
  choices: orders.map((o) => o.order_id),
  choice_items: orders.map(namesOf),
  ...extra,
});

/** The pending question of this flow, when it is the one open. */
export const pendingOrder = (turn: Turn, action: PendingOrder['action']): PendingOrder | null =>
  turn.state.pending?.action === action ? turn.state.pending : null;
