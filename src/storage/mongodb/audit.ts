import type { AuditEntry } from '../../domain/types.js';
import type { AuditStore } from '../ports.js';
import type { Mongo } from './database.js';
import { asJson } from './documents.js';

interface AuditDoc extends AuditEntry {
  /** Increasing, in the order entries were recorded: what "newest first" means. */
  id: number;
}

const toEntry = (d: AuditDoc): AuditEntry => ({
  at: d.at,
  actor: d.actor,
  user_id: d.user_id,
  action: d.action,
  details: d.details,
});

export function createMongoAuditStore(mongo: Mongo): AuditStore {
  const audit = mongo.db.collection<AuditDoc>('audit_log');
  return {
    async record(entry) {
      await audit.insertOne({
        id: await mongo.nextIds('audit_log', 1),
        at: entry.at,
        actor: entry.actor,
        user_id: entry.user_id,
        action: entry.action,
        details: asJson(entry.details),
      });
    },
    async list({ user_id, limit = 100 } = {}) {
      if (limit === 0) return [];
      const docs = await audit
        .find(user_id ? { user_id } : {})
        .sort({ id: -1 })
        .limit(Math.max(0, limit))
        .toArray();
      return docs.map(toEntry);
    },
  };
}
