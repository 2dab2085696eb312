import type { Order } from '../../domain/types.js';

/** What cannot be done to a placed order here (see cannot.ts). */
export type Cannot = 'uncancel' | 'items' | 'delivery';

/** Answers about orders that need no action: a refund asked about, or a change this assistant can't make. */
export type OrdersResult =
  /**
   * "Where's my refund for the cancelled order?": the orders asked about (the one named, else the
   * cancelled and lapsed ones), each with what its cancellation recorded; `open` are those that could
   * still be cancelled, for a customer with none cancelled.
   */
  | { kind: 'refund'; orders: Order[]; open: Order[] }
  /** A change that can't be made here, about these orders (the one named, else the ones it could mean). */
  | { kind: 'cannot'; what: Cannot; orders: Order[]; named: string | null };

declare module '../conversation.js' {
  interface AgentResults {
    orders?: OrdersResult;
  }
}
