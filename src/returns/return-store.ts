import type { ReturnRequest, ReturnStatus } from '../domain/returns.js';
import type { CreditProgram } from '../domain/sale-credit.js';
import type { Customer } from '../domain/types.js';

export type CreateReturnResult =
  | { ok: true; ret: ReturnRequest }
  /** Units of the order were returned meanwhile: quote again from `returnedUnits`. */
  | { ok: false; reason: 'CHANGED' }
  | { ok: false; reason: 'OUT_OF_STOCK'; sku: string; available: number };

export type ReceiveReturnResult =
  | {
      ok: true;
      ret: ReturnRequest;
      /** The customer after their points and spend moved; null when they are gone. */
      customer: Customer | null;
    }
  | { ok: false; reason: 'NOT_FOUND' }
  | { ok: false; reason: 'INVALID_TRANSITION'; from: ReturnStatus };

/** Returns and exchanges of delivered orders. Each change is atomic and only from the status it expects. */
/** Which returns to list; all of them, newest first, up to `limit`, when empty. */
export interface ReturnQuery {
  status?: ReturnStatus;
  user_id?: string;
  order_id?: string;
  limit?: number;
}

export interface ReturnStore {
  /**
   * Stores a new return, atomically with two checks: the units of its order already in returns that
   * hold them are still `already` (CHANGED otherwise, so two returns racing never send back one unit
   * twice), and each exchange's new variant has the units at the order's location, which are reserved.
   */
  create(ret: ReturnRequest, already: Readonly<Record<string, number>>): Promise<CreateReturnResult>;
  /** Units of each of an order's skus in returns that hold them (all but rejected ones). */
  returnedUnits(orderId: string): Promise<Record<string, number>>;
  get(returnId: string): Promise<ReturnRequest | null>;
  /** Newest first. */
  list(query: ReturnQuery): Promise<ReturnRequest[]>;
  /**
   * Moves a return to `to` (approved, rejected, refunded or exchanged) only from one of `from`: the
   * return as it now stands, or null when it is in none of them. Rejecting puts back the units
   * reserved for its exchanges.
   */
  setStatus(input: {
    return_id: string;
    to: Exclude<ReturnStatus, 'requested' | 'received'>;
    from: readonly ReturnStatus[];
    at: string;
    instructions?: string;
    rejection_reason?: string;
    refund_ref?: string;
  }): Promise<ReturnRequest | null>;
  /**
   * The items arrived, atomically and only from `approved`: returned units are back on hand where the
   * order came from, exchange units reserved become sold, and the sale is reversed as far as it goes
   * back (reverseSale in domain/sale-credit.ts, with returnedSpend): redeemed points come back and
   * earned ones go, what was spent since comes off the refund, spend and tier go down.
   */
  receive(input: {
    return_id: string;
    at: string;
    program: CreditProgram;
    /** False when the items are not fit to sell again (damaged, faulty): they are not put back on hand. */
    restock?: boolean;
  }): Promise<ReceiveReturnResult>;
}

declare module '../storage/storage.js' {
  interface Storage {
    /** Returns and exchanges of delivered orders. */
    returns: ReturnStore;
  }
}
