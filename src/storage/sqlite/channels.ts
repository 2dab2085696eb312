import { randomBytes } from 'node:crypto';
import type { ChannelStore, IdentityKind } from '../ports.js';
import type { Db } from './database.js';
import type { Clock } from '../../domain/clock.js';

interface VerificationRow {
  id: string;
  user_id: string;
  kind: string;
  value: string;
  code_hash: string;
  sent_at: string;
  expires_at: string;
  tries: number;
  used: number;
  ip: string | null;
  last_try_at: string | null;
}

/** Random, so nobody can guess a conversation from a phone number or chat id. */
const newSessionId = (channel: string) => `${channel}-${randomBytes(12).toString('hex')}`;

export function createSqliteChannelStore(db: Db, now: Clock): ChannelStore {
  const receiveStmt = db.prepare(
    `INSERT INTO channel_messages (channel, message_id, received_at, payload, lease_owner, lease_until)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  // Only an unanswered message whose lease has run out (or is already this owner's) changes hands.
  const leasable = `channel = @channel AND message_id = @message_id AND status IN ('received', 'sending')
       AND (lease_until IS NULL OR lease_until < @now OR lease_owner = @owner)`;
  const leaseStmt = db.prepare(
    `UPDATE channel_messages SET lease_owner = @owner, lease_until = @until WHERE ${leasable}`,
  );
  const sendingStmt = db.prepare(
    `UPDATE channel_messages SET status = 'sending', lease_owner = @owner, lease_until = @until
     WHERE ${leasable}`,
  );
  const sentStmt = db.prepare(
    'UPDATE channel_messages SET sent_parts = ?, status = ? WHERE channel = ? AND message_id = ?',
  );
  const sentPartsStmt = db.prepare<[string, string], { sent_parts: number }>(
    'SELECT sent_parts FROM channel_messages WHERE channel = ? AND message_id = ?',
  );
  const abandonedStmt = db.prepare<
    { now: string; limit: number },
    { channel: string; message_id: string; payload: string }
  >(
    `SELECT channel, message_id, payload FROM channel_messages
     WHERE status IN ('received', 'sending') AND lease_until < @now AND payload IS NOT NULL
     ORDER BY rowid LIMIT @limit`,
  );
  const statusStmt = db.prepare<[string, string], { status: string }>(
    'SELECT status FROM channel_messages WHERE channel = ? AND message_id = ?',
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
  // Only while the sender's conversation is still the stale one: of several renewing at once, one does.
  const renewStmt = db.prepare(
    'UPDATE channel_sessions SET session_id = ?, created_at = ? WHERE channel = ? AND sender = ? AND session_id = ?',
  );
  const senderStmt = db.prepare<[string], { channel: string; sender: string }>(
    'SELECT channel, sender FROM channel_sessions WHERE session_id = ?',
  );
  const addVerificationStmt = db.prepare(
    `INSERT INTO identity_verifications
       (id, user_id, kind, value, code_hash, sent_at, expires_at, tries, used, ip, last_try_at)
     VALUES (@id, @user_id, @kind, @value, @code_hash, @sent_at, @expires_at, @tries, @used, @ip, @last_try_at)`,
  );
  const sendsStmt = (where: string) =>
    db.prepare<Record<string, string>, { n: number; oldest: string | null }>(
      `SELECT count(*) AS n, min(sent_at) AS oldest FROM identity_verifications WHERE ${where} sent_at > @since`,
    );
  const sentByUserStmt = sendsStmt('user_id = @user_id AND');
  const sentByIdentityStmt = sendsStmt('kind = @kind AND value = @value AND');
  const sentByIpStmt = sendsStmt('ip = @ip AND');
  const sentAllStmt = sendsStmt('');
  const failuresStmt = db.prepare<[string, string, string], { failures: number; last: string | null }>(
    `SELECT coalesce(sum(tries - used), 0) AS failures, max(last_try_at) AS last
     FROM identity_verifications WHERE kind = ? AND value = ? AND sent_at >= ?`,
  );
  const latestStmt = db.prepare<[string, string, string], VerificationRow>(
    `SELECT * FROM identity_verifications WHERE user_id = ? AND kind = ? AND value = ?
     ORDER BY sent_at DESC, rowid DESC LIMIT 1`,
  );
  const tryStmt = db.prepare<[string, string, number], { tries: number }>(
    'UPDATE identity_verifications SET tries = tries + 1, last_try_at = ? WHERE id = ? AND tries < ? RETURNING tries',
  );
  const useStmt = db.prepare('UPDATE identity_verifications SET used = 1 WHERE id = ? AND used = 0');
  return {
    async addVerification(v) {
      addVerificationStmt.run({ ...v, used: v.used ? 1 : 0 });
    },
    async verificationsSent(query) {
      const row =
        'user_id' in query
          ? sentByUserStmt.get({ since: query.since, user_id: query.user_id })
          : 'kind' in query
            ? sentByIdentityStmt.get({ since: query.since, kind: query.kind, value: query.value })
            : 'ip' in query
              ? sentByIpStmt.get({ since: query.since, ip: query.ip })
              : sentAllStmt.get({ since: query.since });
      return { count: row?.n ?? 0, oldest: row?.oldest ?? null };
    },
    async verificationFailures(kind, value, since) {
      const row = failuresStmt.get(kind, value, since);
      return { failures: row?.failures ?? 0, last_try_at: row?.last ?? null };
    },
    async latestVerification(userId, kind, value) {
      const row = latestStmt.get(userId, kind, value);
      return row ? { ...row, kind: row.kind as IdentityKind, used: row.used === 1 } : null;
    },
    async recordTry(id, at, max) {
      return tryStmt.get(at, id, max)?.tries ?? null;
    },
    async useVerification(id) {
      return useStmt.run(id).changes === 1;
    },
    async sessionFor(channel, sender) {
      // Two first messages at once both insert; the one that lands first names the conversation.
      newSessionStmt.run(channel, sender, newSessionId(channel), now().toISOString());
      return sessionStmt.get(channel, sender)!.session_id;
    },
    async existingSession(channel, sender) {
      return sessionStmt.get(channel, sender)?.session_id ?? null;
    },
    async renewSession(channel, sender, stale) {
      renewStmt.run(newSessionId(channel), now().toISOString(), channel, sender, stale);
      return sessionStmt.get(channel, sender)!.session_id;
    },
    async senderOf(sessionId) {
      return senderStmt.get(sessionId) ?? null;
    },
    async receiveMessage(channel, messageId, payload, lease) {
      const inserted = receiveStmt.run(
        channel,
        messageId,
        lease.now,
        JSON.stringify(payload),
        lease.owner,
        lease.until,
      );
      if (inserted.changes === 1) return 'new';
      return leaseStmt.run({ channel, message_id: messageId, ...lease }).changes === 1
        ? 'retry'
        : 'duplicate';
    },
    async leaseMessage(channel, messageId, lease) {
      return leaseStmt.run({ channel, message_id: messageId, ...lease }).changes === 1;
    },
    async takeAbandoned(lease, limit) {
      const taken = [];
      for (const row of abandonedStmt.all({ now: lease.now, limit })) {
        if (leaseStmt.run({ channel: row.channel, message_id: row.message_id, ...lease }).changes === 1)
          taken.push({
            channel: row.channel,
            message_id: row.message_id,
            payload: JSON.parse(row.payload) as unknown,
          });
      }
      return taken;
    },
    async markSending(channel, messageId, lease) {
      return sendingStmt.run({ channel, message_id: messageId, ...lease }).changes === 1;
    },
    async markSent(channel, messageId, parts, last) {
      sentStmt.run(parts, last ? 'processed' : 'received', channel, messageId);
    },
    async sentParts(channel, messageId) {
      return sentPartsStmt.get(channel, messageId)?.sent_parts ?? 0;
    },
    async markMessage(channel, messageId, status) {
      markStmt.run(status, channel, messageId);
    },
    async messageStatus(channel, messageId) {
      return statusStmt.get(channel, messageId)?.status ?? null;
    },
    async findIdentity(kind: IdentityKind, value) {
      return findStmt.get(kind, value)?.user_id ?? null;
    },
    async linkIdentity(kind, value, userId) {
      linkStmt.run(kind, value, userId, now().toISOString());
    },
  };
}
