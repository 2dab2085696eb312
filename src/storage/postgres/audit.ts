import type { AuditEntry } from '../../domain/types.js';
import type { AuditStore } from '../ports.js';
import type { Pg } from './database.js';

export function createPgAuditStore(pg: Pg): AuditStore {
  return {
    async record(entry) {
      await pg.query(
        'INSERT INTO audit_log (at, actor, user_id, action, details) VALUES ($1, $2, $3, $4, $5)',
        [entry.at, entry.actor, entry.user_id, entry.action, JSON.stringify(entry.details)],
      );
    },
    async list({ user_id, limit = 100 } = {}) {
      return user_id
        ? pg.query<AuditEntry>(
            'SELECT at, actor, user_id, action, details FROM audit_log WHERE user_id = $1 ORDER BY id DESC LIMIT $2',
            [user_id, limit],
          )
        : pg.query<AuditEntry>(
            'SELECT at, actor, user_id, action, details FROM audit_log ORDER BY id DESC LIMIT $1',
            [limit],
          );
    },
  };
}
