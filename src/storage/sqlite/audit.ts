import type { AuditAction, AuditEntry } from '../../domain/types.js';
import type { AuditStore } from '../ports.js';
import { json, type Db } from './database.js';

interface AuditRow {
  at: string;
  actor: string;
  user_id: string;
  action: string;
  details: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  ...r,
  action: r.action as AuditAction,
  details: json(r.details),
});

export function createSqliteAuditStore(db: Db): AuditStore {
  const insertStmt = db.prepare(
    'INSERT INTO audit_log (at, actor, user_id, action, details) VALUES (@at, @actor, @user_id, @action, @details)',
  );
  const byUserStmt = db.prepare<[string, number], AuditRow>(
    'SELECT at, actor, user_id, action, details FROM audit_log WHERE user_id = ? ORDER BY id DESC LIMIT ?',
  );
  const allStmt = db.prepare<[number], AuditRow>(
    'SELECT at, actor, user_id, action, details FROM audit_log ORDER BY id DESC LIMIT ?',
  );
  return {
    async record(entry) {
      insertStmt.run({ ...entry, details: JSON.stringify(entry.details) });
    },
    async list({ user_id, limit = 100 } = {}) {
      return (user_id ? byUserStmt.all(user_id, limit) : allStmt.all(limit)).map(toEntry);
    },
  };
}
