/** How a channel knows a person: a phone number (WhatsApp, SMS) or a Telegram chat. */
export type IdentityKind = 'phone' | 'telegram';

/** Who is working on a message, until when, and the time now (ISO strings compare in order). */
export interface MessageLease {
  owner: string;
  until: string;
  now: string;
}

/** A code sent over a channel to prove that a phone number or chat is the customer's. */
export interface IdentityVerification {
  id: string;
  user_id: string;
  kind: IdentityKind;
  value: string;
  /** sha256 of `${id}:${code}`: the code itself is never stored. */
  code_hash: string;
  sent_at: string;
  expires_at: string;
  /** Wrong or right, every try at the code counts. */
  tries: number;
  used: boolean;
  /** The client address that asked for it (null for codes kept by earlier versions). */
  ip: string | null;
  /** When it was last tried; null until then. */
  last_try_at: string | null;
}

/** Which codes to count: to one identity, for one customer, asked from one address, or all the shop's. */
export type VerificationQuery = { since: string } & (
  { user_id: string } | { kind: IdentityKind; value: string } | { ip: string } | { all: true }
);

/** Inbound channel messages (for exactly-once processing) and the identities that map people to customers. */
export interface ChannelStore {
  /**
   * Keeps an inbound message until it is answered, leased to `lease.owner` until `lease.until`.
   * `new` the first time; `retry` for a redelivery of one never answered whose lease has run out (leased
   * again, to this owner); `duplicate` for anything else, however many copies arrive at once.
   */
  receiveMessage(
    channel: string,
    messageId: string,
    payload: unknown,
    lease: MessageLease,
  ): Promise<'new' | 'retry' | 'duplicate'>;
  /**
   * Takes or renews the lease on an unanswered message: true when it is now `lease.owner`'s, false when
   * it has been answered or another owner's lease is still running.
   */
  leaseMessage(channel: string, messageId: string, lease: MessageLease): Promise<boolean>;
  /**
   * Unanswered messages whose lease ran out (their process died, or is stuck), oldest first, now leased
   * to `lease.owner`: those never answered, and those whose reply was in flight (`sending`), which are
   * sent again - a customer may get a reply twice, never none (at-least-once delivery).
   */
  takeAbandoned(
    lease: MessageLease,
    limit: number,
  ): Promise<{ channel: string; message_id: string; payload: unknown }[]>;
  /**
   * Marks a part of the message's reply in flight (`sending`) just before its request leaves, renewing
   * `lease.owner`'s lease: false when the message is answered or another owner's lease is running (then
   * nothing may be sent).
   */
  markSending(channel: string, messageId: string, lease: MessageLease): Promise<boolean>;
  /**
   * Records that the platform took the reply's first `parts` parts: `processed` when that was the last,
   * else `received` again (unanswered, nothing in flight) so a resend carries on from the next part.
   */
  markSent(channel: string, messageId: string, parts: number, last: boolean): Promise<void>;
  /** How many parts of the message's reply the platform took (0 for none, or an unknown message). */
  sentParts(channel: string, messageId: string): Promise<number>;
  markMessage(
    channel: string,
    messageId: string,
    status: 'processed' | 'failed' | 'send_failed' | 'rate_limited',
  ): Promise<void>;
  /**
   * Where a claimed message stands (`received` until answered, `sending` while a part of its reply is in
   * flight); null for one never claimed.
   */
  messageStatus(channel: string, messageId: string): Promise<string | null>;
  /** The customer an identity belongs to; null when unknown. */
  findIdentity(kind: IdentityKind, value: string): Promise<string | null>;
  /** Links an identity to a customer (replacing any earlier link). */
  linkIdentity(kind: IdentityKind, value: string, userId: string): Promise<void>;
  /**
   * The conversation a channel sender writes in: a random session id, made on their first message and
   * the same ever after (never derived from the phone number or chat id, so nobody can guess it).
   */
  sessionFor(channel: string, sender: string): Promise<string>;
  /** The sender's conversation id if they have one; unlike `sessionFor`, never makes one. */
  existingSession(channel: string, sender: string): Promise<string | null>;
  /**
   * Gives the sender a new conversation id in place of `stale` (one that belongs to someone else now),
   * atomically: of several callers at once all get the same new id. Resolves with the sender's current id.
   */
  renewSession(channel: string, sender: string, stale: string): Promise<string>;
  /** Who writes in a channel conversation, to reach them there unprompted; null for other sessions. */
  senderOf(sessionId: string): Promise<{ channel: string; sender: string } | null>;
  addVerification(verification: IdentityVerification): Promise<void>;
  /** Codes sent after `since` (ISO time) that match the query: how many, and when the oldest went. */
  verificationsSent(query: VerificationQuery): Promise<{ count: number; oldest: string | null }>;
  /**
   * Wrong tries at codes sent to this identity since `since`, and when the last try was (null for none):
   * what locks an identity that someone keeps guessing at.
   */
  verificationFailures(
    kind: IdentityKind,
    value: string,
    since: string,
  ): Promise<{ failures: number; last_try_at: string | null }>;
  /** The newest code sent to this identity for this customer; null when none. */
  latestVerification(userId: string, kind: IdentityKind, value: string): Promise<IdentityVerification | null>;
  /**
   * Counts one try at a code (made at `at`), atomically, while it has had fewer than `max`: resolves with
   * the tries so far, this one included, or null when it had no tries left (that try is not counted, so
   * hammering a spent code adds nothing to a number's failures).
   */
  recordTry(id: string, at: string, max: number): Promise<number | null>;
  /** Marks a code used; true only for the one caller that did it. */
  useVerification(id: string): Promise<boolean>;
}
