import { randomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import type { ChannelStore, IdentityKind, IdentityVerification, MessageLease } from '../ports.js';
import type { Pg } from './database.js';

type VerificationRow = Omit<IdentityVerification, 'kind'> & { kind: string };

const VERIFICATION = 'id, user_id, kind, value, code_hash, sent_at, expires_at, tries, used, ip, last_try_at';

/** Random, so nobody can guess a conversation from a phone number or chat id. */
const newSessionId = (channel: string) => `${channel}-${randomBytes(12).toString('hex')}`;

/**
 * Only an unanswered message whose lease has run out (or is already this owner's) changes hands. Its
 * parameters: channel $1, message id $2, then the lease's owner $3, until $4 and now $5. A racer waits
 * on the row and checks this again on what the winner left, so one of them takes it.
 */
const LEASABLE = `channel = $1 AND message_id = $2 AND status IN ('received', 'sending')
  AND (lease_until IS NULL OR lease_until < $5 OR lease_owner = $3)`;
const leaseParams = (channel: string, messageId: string, lease: MessageLease) => [
  channel,
  messageId,
  lease.owner,
  lease.until,
  lease.now,
];

export function createPgChannelStore(pg: Pg, now: Clock): ChannelStore {
  const lease = async (channel: string, messageId: string, to: MessageLease) =>
    (
      await pg.query(
        `UPDATE channel_messages SET lease_owner = $3, lease_until = $4 WHERE ${LEASABLE} RETURNING 1`,
        leaseParams(channel, messageId, to),
      )
    ).length === 1;
  const session = async (channel: string, sender: string) =>
    (
      await pg.query<{ session_id: string }>(
        'SELECT session_id FROM channel_sessions WHERE channel = $1 AND sender = $2',
        [channel, sender],
      )
    )[0]?.session_id ?? null;
  const sent = async (where: string, params: unknown[]) => {
    const [row] = await pg.query<{ n: number; oldest: string | null }>(
      `SELECT count(*) AS n, min(sent_at) AS oldest FROM identity_verifications WHERE ${where} sent_at > $1`,
      params,
    );
    return { count: row?.n ?? 0, oldest: row?.oldest ?? null };
  };

  return {
    async receiveMessage(channel, messageId, payload, to) {
      // Copies arriving together wait on the first one's insert: it alone is new.
      const inserted = await pg.query(
        `INSERT INTO channel_messages (channel, message_id, received_at, payload, lease_owner, lease_until)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1`,
        [channel, messageId, to.now, JSON.stringify(payload), to.owner, to.until],
      );
      if (inserted.length === 1) return 'new';
      return (await lease(channel, messageId, to)) ? 'retry' : 'duplicate';
    },
    async leaseMessage(channel, messageId, to) {
      return lease(channel, messageId, to);
    },
    async takeAbandoned(to, limit) {
      // Rows another taker holds are skipped, not waited for: each abandoned message goes to one of them.
      const rows = await pg.query<{ seq: number; channel: string; message_id: string; payload: unknown }>(
        `UPDATE channel_messages SET lease_owner = $1, lease_until = $2
         WHERE (channel, message_id) IN (
           SELECT channel, message_id FROM channel_messages
           WHERE status IN ('received', 'sending') AND lease_until < $3 AND payload IS NOT NULL
           ORDER BY seq LIMIT $4 FOR UPDATE SKIP LOCKED
         ) AND status IN ('received', 'sending') AND lease_until < $3
         RETURNING seq, channel, message_id, payload`,
        [to.owner, to.until, to.now, limit],
      );
      return rows
        .sort((a, b) => a.seq - b.seq)
        .map((r) => ({ channel: r.channel, message_id: r.message_id, payload: r.payload }));
    },
    async markSending(channel, messageId, to) {
      const marked = await pg.query(
        `UPDATE channel_messages SET status = 'sending', lease_owner = $3, lease_until = $4
         WHERE ${LEASABLE} RETURNING 1`,
        leaseParams(channel, messageId, to),
      );
      return marked.length === 1;
    },
    async markSent(channel, messageId, parts, last) {
      await pg.query(
        'UPDATE channel_messages SET sent_parts = $1, status = $2 WHERE channel = $3 AND message_id = $4',
        [parts, last ? 'processed' : 'received', channel, messageId],
      );
    },
    async sentParts(channel, messageId) {
      const [row] = await pg.query<{ sent_parts: number }>(
        'SELECT sent_parts FROM channel_messages WHERE channel = $1 AND message_id = $2',
        [channel, messageId],
      );
      return row?.sent_parts ?? 0;
    },
    async markMessage(channel, messageId, status) {
      await pg.query('UPDATE channel_messages SET status = $1 WHERE channel = $2 AND message_id = $3', [
        status,
        channel,
        messageId,
      ]);
    },
    async messageStatus(channel, messageId) {
      const [row] = await pg.query<{ status: string }>(
        'SELECT status FROM channel_messages WHERE channel = $1 AND message_id = $2',
        [channel, messageId],
      );
      return row?.status ?? null;
    },
    async findIdentity(kind: IdentityKind, value) {
      const [row] = await pg.query<{ user_id: string }>(
        'SELECT user_id FROM channel_identities WHERE kind = $1 AND value = $2',
        [kind, value],
      );
      return row?.user_id ?? null;
    },
    async linkIdentity(kind, value, userId) {
      await pg.query(
        `INSERT INTO channel_identities (kind, value, user_id, linked_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind, value) DO UPDATE SET user_id = excluded.user_id, linked_at = excluded.linked_at`,
        [kind, value, userId, now().toISOString()],
      );
    },
    async sessionFor(channel, sender) {
      // Two first messages at once both insert; the one that lands first names the conversation, and the
      // other's insert waits for it to commit, so the read after it sees that name.
      await pg.query(
        `INSERT INTO channel_sessions (channel, sender, session_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (channel, sender) DO NOTHING`,
        [channel, sender, newSessionId(channel), now().toISOString()],
      );
      return (await session(channel, sender))!;
    },
    async existingSession(channel, sender) {
      return session(channel, sender);
    },
    async renewSession(channel, sender, stale) {
      // Only while the sender's conversation is still the stale one: of several renewing at once, one
      // does; the others wait on the row, find it renewed, and read the new id.
      await pg.query(
        `UPDATE channel_sessions SET session_id = $1, created_at = $2
         WHERE channel = $3 AND sender = $4 AND session_id = $5`,
        [newSessionId(channel), now().toISOString(), channel, sender, stale],
      );
      return (await session(channel, sender))!;
    },
    async senderOf(sessionId) {
      const [row] = await pg.query<{ channel: string; sender: string }>(
        'SELECT channel, sender FROM channel_sessions WHERE session_id = $1',
        [sessionId],
      );
      return row ?? null;
    },
    async addVerification(v) {
      await pg.query(
        `INSERT INTO identity_verifications (${VERIFICATION}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          v.id,
          v.user_id,
          v.kind,
          v.value,
          v.code_hash,
          v.sent_at,
          v.expires_at,
          v.tries,
          v.used,
          v.ip,
          v.last_try_at,
        ],
      );
    },
    async verificationsSent(query) {
      if ('user_id' in query) return sent('user_id = $2 AND', [query.since, query.user_id]);
      if ('kind' in query)
        return sent('kind = $2 AND value = $3 AND', [query.since, query.kind, query.value]);
      if ('ip' in query) return sent('ip = $2 AND', [query.since, query.ip]);
      return sent('', [query.since]);
    },
    async verificationFailures(kind, value, since) {
      const [row] = await pg.query<{ failures: number; last: string | null }>(
        `SELECT coalesce(sum(tries - used::int), 0) AS failures, max(last_try_at) AS last
         FROM identity_verifications WHERE kind = $1 AND value = $2 AND sent_at >= $3`,
        [kind, value, since],
      );
      return { failures: row?.failures ?? 0, last_try_at: row?.last ?? null };
    },
    async latestVerification(userId, kind, value) {
      const [row] = await pg.query<VerificationRow>(
        `SELECT ${VERIFICATION} FROM identity_verifications WHERE user_id = $1 AND kind = $2 AND value = $3
         ORDER BY sent_at DESC, seq DESC LIMIT 1`,
        [userId, kind, value],
      );
      return row ? { ...row, kind: row.kind as IdentityKind } : null;
    },
    async recordTry(id, at, max) {
      // The row lock counts racers one at a time; each re-checks `tries < max` on the count it finds.
      const [row] = await pg.query<{ tries: number }>(
        `UPDATE identity_verifications SET tries = tries + 1, last_try_at = $1
         WHERE id = $2 AND tries < $3 RETURNING tries`,
        [at, id, max],
      );
      return row?.tries ?? null;
    },
    async useVerification(id) {
      const used = await pg.query(
        'UPDATE identity_verifications SET used = true WHERE id = $1 AND NOT used RETURNING 1',
        [id],
      );
      return used.length === 1;
    },
  };
}
