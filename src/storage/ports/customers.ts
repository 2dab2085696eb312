import type { BrowsingRecord, Customer } from '../../domain/types.js';

/** Customers. `get` returns null on a miss; `upsert` replaces the whole record. */
export interface CustomerStore {
  get(userId: string): Promise<Customer | null>;
  upsert(customer: Customer): Promise<void>;
  /** Creates a guest record unless one exists; returns whichever is stored. */
  ensure(userId: string, guest: () => Customer): Promise<Customer>;
  /** Appends to the browsing history, keeping the newest `keep` records. */
  recordViews(userId: string, views: BrowsingRecord[], keep: number): Promise<void>;
  list(options?: { limit?: number; offset?: number }): Promise<Customer[]>;
  count(): Promise<number>;
}
