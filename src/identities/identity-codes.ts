import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ChannelConnectors } from '../channels/channels.js';
import { channelGuestOf } from '../domain/customer.js';
import type { ChannelConnector } from '../channels/types.js';
import { newCustomer } from '../domain/customer.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { IdentityKind, Storage } from '../storage/ports.js';
import type { Clock } from '../domain/clock.js';
import { assertMaySendCode, DEFAULT_CODE_LIMITS, type CodeLimits } from './code-limits.js';
import type { ChannelHandover } from './handover.js';

/** How long a code is good for, and how many tries it allows. */
export const CODE_MINUTES = 10;
export const MAX_TRIES = 5;

export interface IdentityCodeSettings {
  shopName: string;
  /** The shop's Twilio number, to text codes from. */
  smsFrom?: string | undefined;
  /** The shop's WhatsApp phone number id, to send codes from when SMS is not set up. */
  whatsappFrom?: string | undefined;
  /** How many codes go out (defaults: DEFAULT_CODE_LIMITS). */
  limits?: Partial<CodeLimits>;
  now: Clock;
  /** Moves a number's conversations (and its guest's cart) along with it. */
  handover?: ChannelHandover;
  logger?: Logger;
}

export type LinkResult =
  | { status: 'code_sent'; channel: 'sms' | 'whatsapp' | 'telegram'; expires_at: string }
  | { status: 'linked' };

/**
 * Linking a phone number or Telegram chat to a customer, so every channel shares one cart and one
 * history: a 6-digit code goes over that channel and comes back from the customer's own session.
 * Nobody can claim a number they cannot read messages on, and a number that is someone else's
 * account is never moved by a customer (admins can, and it is audited).
 */
export interface IdentityCodes {
  /**
   * Sends a code, within the limits (RATE_LIMITED naming the limit and when to retry); an identity
   * already linked to this customer needs none. `ip` is the client address that asked.
   */
  start(userId: string, kind: IdentityKind, value: string, from: { ip: string | null }): Promise<LinkResult>;
  /** Checks a code and links the identity. */
  confirm(userId: string, kind: IdentityKind, value: string, code: string, actor: string): Promise<void>;
  /** Links (or moves) an identity without a code: for the shop's staff. */
  assign(
    userId: string,
    kind: IdentityKind,
    value: string,
    actor: string,
  ): Promise<{ previous: string | null }>;
}

const codeHash = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`).digest('hex');

const codeError = (code: string, message: string, status: 'user' = 'user') =>
  new AppError(code, message, { category: status, details: { field: 'code' } });

export function createIdentityCodes(
  storage: Pick<Storage, 'channels' | 'customers' | 'audit'>,
  channels: Pick<ChannelConnectors, 'sms' | 'whatsapp' | 'telegram'>,
  settings: IdentityCodeSettings,
): IdentityCodes {
  const { now } = settings;
  const limits = { ...DEFAULT_CODE_LIMITS, ...settings.limits };

  /** Where a code for this identity can go, and from which of the shop's numbers. */
  function senderFor(kind: IdentityKind): {
    name: 'sms' | 'whatsapp' | 'telegram';
    connector: ChannelConnector;
    from: string;
  } {
    if (kind === 'telegram' && channels.telegram)
      return { name: 'telegram', connector: channels.telegram, from: '' };
    if (kind === 'phone' && channels.sms && settings.smsFrom)
      return { name: 'sms', connector: channels.sms, from: settings.smsFrom };
    if (kind === 'phone' && channels.whatsapp && settings.whatsappFrom)
      return { name: 'whatsapp', connector: channels.whatsapp, from: settings.whatsappFrom };
    throw new AppError(
      'CHANNEL_NOT_CONFIGURED',
      kind === 'telegram'
        ? 'Telegram is not set up, so no code can be sent to a chat.'
        : 'Neither SMS (TWILIO_FROM_NUMBER) nor WhatsApp (WHATSAPP_PHONE_NUMBER_ID) is set up to send a code to a phone.',
      { category: 'system' },
    );
  }

  async function link(
    userId: string,
    kind: IdentityKind,
    value: string,
    actor: string,
    previous: string | null,
  ) {
    await storage.customers.ensure(userId, () => newCustomer(userId, {}, now().toISOString()));
    await storage.channels.linkIdentity(kind, value, userId);
    // The link stands even if this fails: the number's next message finishes an adoption, and a number
    // that left an account never writes into that account's conversation (see the dispatcher).
    const moving =
      previous === channelGuestOf(kind, value)
        ? settings.handover?.adopt(kind, value, userId, actor)
        : previous
          ? settings.handover?.release(kind, value, previous)
          : undefined;
    await moving?.catch((error: unknown) =>
      settings.logger?.error(
        { err: error, kind, previous, to: userId },
        'conversations not moved with the identity',
      ),
    );
    await storage.audit.record({
      at: now().toISOString(),
      actor,
      user_id: userId,
      action: 'identity.link',
      details: { kind, value, previous },
    });
  }

  return {
    async start(userId, kind, value, { ip }) {
      if ((await storage.channels.findIdentity(kind, value)) === userId) return { status: 'linked' };
      const sender = senderFor(kind);
      const sentAt = now();
      await assertMaySendCode(storage.channels, limits, { userId, kind, value, ip }, sentAt, MAX_TRIES);
      const id = randomUUID();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(sentAt.getTime() + CODE_MINUTES * 60_000).toISOString();
      // Recorded before sending: a send that fails still counts against the limits.
      await storage.channels.addVerification({
        id,
        user_id: userId,
        kind,
        value,
        code_hash: codeHash(id, code),
        sent_at: sentAt.toISOString(),
        expires_at: expiresAt,
        tries: 0,
        used: false,
        ip,
        last_try_at: null,
      });
      await sender.connector.send({
        to: value,
        reply_from: sender.from,
        text: `Your ${settings.shopName} code is ${code}. It links this ${kind === 'phone' ? 'number' : 'chat'} to your account and expires in ${CODE_MINUTES} minutes. If you did not ask for it, ignore this message.`,
      });
      return { status: 'code_sent', channel: sender.name, expires_at: expiresAt };
    },

    async confirm(userId, kind, value, code, actor) {
      const pending = await storage.channels.latestVerification(userId, kind, value);
      if (!pending || pending.used || pending.expires_at <= now().toISOString()) {
        throw codeError('CODE_EXPIRED', 'There is no valid code for this number or chat: ask for a new one.');
      }
      const tries = await storage.channels.recordTry(pending.id, now().toISOString(), MAX_TRIES);
      if (tries === null) {
        throw codeError('CODE_EXPIRED', `That code has had ${MAX_TRIES} tries: ask for a new one.`);
      }
      const expected = Buffer.from(pending.code_hash, 'hex');
      const given = Buffer.from(codeHash(pending.id, code.trim()), 'hex');
      if (!timingSafeEqual(expected, given)) {
        const left = MAX_TRIES - tries;
        throw codeError(
          'CODE_INVALID',
          left > 0
            ? `That code is not right; ${left} ${left === 1 ? 'try' : 'tries'} left.`
            : 'That code is not right, and it has no tries left: ask for a new one.',
        );
      }
      if (!(await storage.channels.useVerification(pending.id))) {
        throw codeError('CODE_EXPIRED', 'That code has already been used: ask for a new one.');
      }
      const owner = await storage.channels.findIdentity(kind, value);
      if (owner === userId) return;
      // Only the guest a channel made for this very number moves to the account that proved it owns it.
      if (owner && owner !== channelGuestOf(kind, value)) {
        throw new AppError(
          'IDENTITY_TAKEN',
          'This number or chat belongs to another account; the shop can move it for you.',
          { details: { field: 'value' } },
        );
      }
      await link(userId, kind, value, actor, owner);
    },

    async assign(userId, kind, value, actor) {
      const previous = await storage.channels.findIdentity(kind, value);
      if (previous !== userId) await link(userId, kind, value, actor, previous);
      return { previous };
    },
  };
}
