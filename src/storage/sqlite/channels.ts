import { randomBytes } from 'node:crypto';
import type { ChannelStore, IdentityKind } from '../ports.js';
import type { Db } from './database.js';

export function createSqliteChannelStore(db: Db): ChannelStore {
  const claimStmt = db.prepare(
    'INSERT INTO channel_messages (channel, message_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const markStmt = db.prepare('UPDATE channel_messages SET status = ? WHERE channel = ? AND message_id = ?');
  const findStmt = db.prepare<[string, string], { user_id: string }>(
    'SELECT user_id FROM channel_identities WHERE kind = ? AND value = ?',
  );
  const linkStmt = db.prepare(
    `INSERT INTO channel_identities (kind, value, user_id, linked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, value) DO UPDATE SET user_id = excluded.user_id, linked_at = excluded.linked_at`,
  );
  const newSessionStmt = db.prepare(
    'INSERT INTO channel_sessions (channel, sender, session_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const sessionStmt = db.prepare<[string, string], { session_id: string }>(
    'SELECT session_id FROM channel_sessions WHERE channel = ? AND sender = ?',
  );
  return {
    async sessionFor(channel, sender) {
      // Two first messages at once both insert; the one that lands first names the conversation.
      newSessionStmt.run(
        channel,
        sender,
        `${channel}-${randomBytes(12).toString('hex')}`,
        new Date().toISOString(),
      );
      return sessionStmt.get(channel, sender)!.session_id;
    },
    async claimMessage(channel, messageId) {
      return claimStmt.run(channel, messageId, new Date().toISOString()).changes === 1;
    },
    async markMessage(channel, messageId, status) {
      markStmt.run(status, channel, messageId);
    },
    async findIdentity(kind: IdentityKind, value) {
      return findStmt.get(kind, value)?.user_id ?? null;
    },
    async linkIdentity(kind, value, userId) {
      linkStmt.run(kind, value, userId, new Date().toISOString());
    },
  };
}
