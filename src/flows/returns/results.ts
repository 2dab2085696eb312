import type { Order } from '../../domain/types.js';
import type { ReturnRequest } from '../../domain/returns.js';
import type { ReturnQuote } from '../../returns/return-service.js';

/** A return in conversation: the step it is at, with what the customer is shown. */
export type ReturnsResult =
  /**
   * No item or order named, or a question about how returns work: the rules, and what could go back
   * (`orders`: delivered and still inside the window; `late`: delivered ones past it).
   */
  | { kind: 'rules'; orders: Order[]; late: number }
  | { kind: 'choose'; orders: Order[] }
  | { kind: 'unknown'; named: string }
  | { kind: 'ask_item'; order: Order }
  | { kind: 'ask_variant'; order: Order; sku: string }
  | { kind: 'ask_reason'; order: Order; skus: string[] }
  | { kind: 'confirm'; order: Order; quote: ReturnQuoteView }
  | { kind: 'made'; ret: ReturnRequest }
  /** "Where's my refund?": the customer's returns, newest first, as they stand. */
  | { kind: 'status'; returns: ReturnRequest[] }
  /** `later`: the order isn't delivered yet, so it can go back once it is. */
  | { kind: 'refused'; order_id: string | null; message: string; later?: boolean }
  | { kind: 'kept' };

/** What a return would give back, as shown before the customer says yes: the quote without its order. */
export type ReturnQuoteView = Omit<ReturnQuote, 'order' | 'already'>;

declare module '../conversation.js' {
  interface AgentResults {
    returns?: ReturnsResult;
  }
}
