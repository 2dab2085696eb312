import type { Address, OrderStatus } from '../../domain/types.js';

import type { ReturnDraft } from '../returns/pending.js';

/** A question about one of the customer's orders: which one, or "cancel it?", or "send it there?". */
export interface PendingOrder {
  action: 'cancel_order' | 'order_status' | 'change_order' | 'return_request';
  /** The order in question; null while the customer picks one of `choices`. */
  order_id: string | null;
  /** Its status when shown: a change applies only if it has not moved on since. */
  status: OrderStatus | null;
  choices: string[];
  /** What is in each of `choices` (item names), so "the shoes" can answer "which order?". */
  choice_items?: string[][];
  /** change_order: the new delivery address as far as given; complete, it waits for a "yes". */
  address?: Partial<Address>;
  /** return_request: the return as far as it is known. */
  return?: ReturnDraft;
  /** return_request: the order's item names while the customer picks one. */
  item_names?: string[];
}

/** Returns ask which order and item with the same question as the order flows (see pick.ts). */
declare module '../conversation.js' {
  interface PendingQuestions {
    order_status: PendingOrder;
    cancel_order: PendingOrder;
    change_order: PendingOrder;
    return_request: PendingOrder;
  }
}
