import { randomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import type { ChannelStore, IdentityKind, IdentityVerification, MessageLease } from '../ports.js';
import { isDuplicateKey, retryDuplicate, type Mongo } from './database.js';

interface MessageDoc {
  channel: string;
  message_id: string;
  received_at: string;
  status: string;
  /** The message as it came, as JSON: opaque here, and its field names are the platform's. */
  payload: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  sent_parts: number;
}

interface IdentityDoc {
  kind: IdentityKind;
  value: string;
  user_id: string;
  linked_at: string;
}

interface SessionDoc {
  channel: string;
  sender: string;
  session_id: string;
  created_at: string;
}

/** A verification code; the driver's own `_id` keeps the order they were sent in for equal times. */
type VerificationDoc = IdentityVerification;

const toVerification = (d: VerificationDoc): IdentityVerification => ({
  id: d.id,
  user_id: d.user_id,
  kind: d.kind,
  value: d.value,
  code_hash: d.code_hash,
  sent_at: d.sent_at,
  expires_at: d.expires_at,
  tries: d.tries,
  used: d.used === true,
  ip: d.ip ?? null,
  last_try_at: d.last_try_at ?? null,
});

/** Random, so nobody can guess a conversation from a phone number or chat id. */
const newSessionId = (channel: string) => `${channel}-${randomBytes(12).toString('hex')}`;

/**
 * Only an unanswered message whose lease has run out (or is already this owner's) changes hands: the
 * filter of every conditional update that takes a lease.
 */
const leasable = (channel: string, messageId: string, lease: MessageLease) => ({
  channel,
  message_id: messageId,
  status: { $in: ['received', 'sending'] },
  $or: [{ lease_until: null }, { lease_until: { $lt: lease.now } }, { lease_owner: lease.owner }],
});

export function createMongoChannelStore(mongo: Mongo, now: Clock): ChannelStore {
  const inbox = mongo.db.collection<MessageDoc>('channel_messages');
  const identities = mongo.db.collection<IdentityDoc>('channel_identities');
  const sessions = mongo.db.collection<SessionDoc>('channel_sessions');
  const verifications = mongo.db.collection<VerificationDoc>('identity_verifications');

  const lease = async (channel: string, messageId: string, l: MessageLease, status?: 'sending') =>
    (
      await inbox.updateOne(leasable(channel, messageId, l), {
        $set: { lease_owner: l.owner, lease_until: l.until, ...(status ? { status } : {}) },
      })
    ).matchedCount === 1;
  const sessionOf = async (channel: string, sender: string) =>
    (await sessions.findOne({ channel, sender }))?.session_id ?? null;
  const sent = async (filter: object) => {
    const [row] = await verifications
      .aggregate<{ count: number; oldest: string | null }>([
        { $match: filter },
        { $group: { _id: null, count: { $sum: 1 }, oldest: { $min: '$sent_at' } } },
      ])
      .toArray();
    return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
  };

  return {
    async addVerification(v) {
      await verifications.insertOne(toVerification(v));
    },
    async verificationsSent(query) {
      const since = { sent_at: { $gt: query.since } };
      if ('user_id' in query) return sent({ user_id: query.user_id, ...since });
      if ('kind' in query) return sent({ kind: query.kind, value: query.value, ...since });
      if ('ip' in query) return sent({ ip: query.ip, ...since });
      return sent(since);
    },
    async verificationFailures(kind, value, since) {
      const [row] = await verifications
        .aggregate<{ failures: number; last: string | null }>([
          { $match: { kind, value, sent_at: { $gte: since } } },
          {
            $group: {
              _id: null,
              // Every try counts, less the one that was right.
              failures: { $sum: { $subtract: ['$tries', { $cond: ['$used', 1, 0] }] } },
              last: { $max: '$last_try_at' },
            },
          },
        ])
        .toArray();
      return { failures: row?.failures ?? 0, last_try_at: row?.last ?? null };
    },
    async latestVerification(userId, kind, value) {
      const doc = await verifications
        .find({ user_id: userId, kind, value })
        .sort({ sent_at: -1, _id: -1 })
        .limit(1)
        .next();
      return doc ? toVerification(doc) : null;
    },
    async recordTry(id, at, max) {
      const doc = await verifications.findOneAndUpdate(
        { id, tries: { $lt: max } },
        { $inc: { tries: 1 }, $set: { last_try_at: at } },
        { returnDocument: 'after' },
      );
      return doc?.tries ?? null;
    },
    async useVerification(id) {
      return (
        (await verifications.updateOne({ id, used: false }, { $set: { used: true } })).matchedCount === 1
      );
    },
    async sessionFor(channel, sender) {
      try {
        await sessions.insertOne({
          channel,
          sender,
          session_id: newSessionId(channel),
          created_at: now().toISOString(),
        });
      } catch (error) {
        // Two first messages at once both insert; the one that lands first names the conversation.
        if (!isDuplicateKey(error)) throw error;
      }
      const id = await sessionOf(channel, sender);
      if (id === null) throw new Error(`no conversation could be made for a ${channel} sender`);
      return id;
    },
    existingSession: sessionOf,
    async renewSession(channel, sender, stale) {
      // Only while the sender's conversation is still the stale one: of several renewing at once, one does.
      await sessions.updateOne(
        { channel, sender, session_id: stale },
        { $set: { session_id: newSessionId(channel), created_at: now().toISOString() } },
      );
      const id = await sessionOf(channel, sender);
      if (id === null) throw new Error(`no ${channel} conversation to renew`);
      return id;
    },
    async senderOf(sessionId) {
      const doc = await sessions.findOne({ session_id: sessionId });
      return doc ? { channel: doc.channel, sender: doc.sender } : null;
    },
    async receiveMessage(channel, messageId, payload, l) {
      try {
        await inbox.insertOne({
          channel,
          message_id: messageId,
          received_at: l.now,
          status: 'received',
          payload: JSON.stringify(payload),
          lease_owner: l.owner,
          lease_until: l.until,
          sent_parts: 0,
        });
        return 'new';
      } catch (error) {
        // Claimed before (the key is unique): a redelivery, taken again only if its lease ran out.
        if (!isDuplicateKey(error)) throw error;
        return (await lease(channel, messageId, l)) ? 'retry' : 'duplicate';
      }
    },
    async leaseMessage(channel, messageId, l) {
      return lease(channel, messageId, l);
    },
    async takeAbandoned(l, limit) {
      if (limit === 0) return [];
      // Oldest first: by when they came, then by the driver's ids, which increase within a process.
      const abandoned = await inbox
        .find({
          status: { $in: ['received', 'sending'] },
          lease_until: { $lt: l.now },
          payload: { $ne: null },
        })
        .sort({ received_at: 1, _id: 1 })
        .limit(Math.max(0, limit))
        .toArray();
      const taken = [];
      for (const m of abandoned)
        if (await lease(m.channel, m.message_id, l))
          taken.push({
            channel: m.channel,
            message_id: m.message_id,
            payload: JSON.parse(m.payload!) as unknown,
          });
      return taken;
    },
    async markSending(channel, messageId, l) {
      return lease(channel, messageId, l, 'sending');
    },
    async markSent(channel, messageId, parts, last) {
      await inbox.updateOne(
        { channel, message_id: messageId },
        { $set: { sent_parts: parts, status: last ? 'processed' : 'received' } },
      );
    },
    async sentParts(channel, messageId) {
      return (await inbox.findOne({ channel, message_id: messageId }))?.sent_parts ?? 0;
    },
    async markMessage(channel, messageId, status) {
      await inbox.updateOne({ channel, message_id: messageId }, { $set: { status } });
    },
    async messageStatus(channel, messageId) {
      return (await inbox.findOne({ channel, message_id: messageId }))?.status ?? null;
    },
    async findIdentity(kind, value) {
      return (await identities.findOne({ kind, value }))?.user_id ?? null;
    },
    async linkIdentity(kind, value, userId) {
      await retryDuplicate(() =>
        identities.updateOne(
          { kind, value },
          { $set: { user_id: userId, linked_at: now().toISOString() } },
          { upsert: true },
        ),
      );
    },
  };
}
