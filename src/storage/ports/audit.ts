import type { AuditEntry } from '../../domain/types.js';

/** An append-only record of agent actions on carts, orders and points. */
export interface AuditStore {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(query?: { user_id?: string; limit?: number }): Promise<AuditEntry[]>;
}
