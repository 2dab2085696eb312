import { AppError } from '../errors.js';
import type { ChannelStore, IdentityKind, VerificationQuery } from '../storage/ports.js';
import { plural } from '../replies/phrasing.js';

/**
 * How many identity codes the shop sends. Each one is a text the shop pays for and a few guesses at a
 * code, so they are capped per number or chat, per customer, per client address and for the whole shop,
 * and a number someone keeps guessing at gets no codes for a while, longer each time.
 */
export interface CodeLimits {
  /** Codes an hour to one number or chat, and for one customer. */
  perIdentityPerHour: number;
  /** Codes an hour asked for from one client address. */
  perAddressPerHour: number;
  /** Codes the whole shop sends in any 24 hours. */
  perDay: number;
  /** Wrong tries at a number's or chat's codes (over a week) before it gets no codes for a while. */
  lockAfterFailures: number;
  /** The first such lock; it doubles with each further code's worth of wrong tries, up to a week. */
  lockMinutes: number;
}

export const DEFAULT_CODE_LIMITS: CodeLimits = {
  perIdentityPerHour: 3,
  perAddressPerHour: 10,
  perDay: 200,
  lockAfterFailures: 10,
  lockMinutes: 60,
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back wrong tries count, and the longest lock. */
const LOCK_WINDOW = 7 * DAY;

/** How long an identity with this many wrong tries gets no codes: 0 below the threshold. */
export function lockFor(failures: number, limits: CodeLimits, triesPerCode: number): number {
  if (failures < limits.lockAfterFailures) return 0;
  const doublings = Math.floor((failures - limits.lockAfterFailures) / triesPerCode);
  return Math.min(limits.lockMinutes * MINUTE * 2 ** Math.min(doublings, 20), LOCK_WINDOW);
}

/** A span in plain words, rounded up to its unit: "45 seconds", "42 minutes", "3 hours", "2 days". */
export function spanOf(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes <= 90) return plural(minutes, 'minute');
  const hours = Math.ceil(minutes / 60);
  return hours <= 48 ? plural(hours, 'hour') : plural(Math.ceil(hours / 24), 'day');
}

const limited = (message: string, waitMs: number) =>
  new AppError('RATE_LIMITED', `${message} Try again in ${spanOf(waitMs)}.`, {
    details: { retry_after: Math.max(1, Math.ceil(waitMs / 1000)) },
  });

/**
 * Refuses (RATE_LIMITED, with `retry_after` in seconds) a code that would go over a limit, naming the
 * limit and when the next one may go: when the oldest code counted against it ages out.
 */
export async function assertMaySendCode(
  store: Pick<ChannelStore, 'verificationsSent' | 'verificationFailures'>,
  limits: CodeLimits,
  /** `ip`: the customer's address; null when the caller acts for many customers (the shop's servers). */
  request: { userId: string; kind: IdentityKind; value: string; ip: string | null },
  at: Date,
  triesPerCode: number,
): Promise<void> {
  const t = at.getTime();
  const noun = request.kind === 'phone' ? 'number' : 'chat';
  const { failures, last_try_at } = await store.verificationFailures(
    request.kind,
    request.value,
    new Date(t - LOCK_WINDOW).toISOString(),
  );
  const lock = lockFor(failures, limits, triesPerCode);
  const lockedUntil = last_try_at ? Date.parse(last_try_at) + lock : 0;
  if (lock > 0 && lockedUntil > t)
    throw limited(
      `Too many wrong codes for this ${noun}: no code goes to it for ${spanOf(lock)} after the last one.`,
      lockedUntil - t,
    );
  const { ip } = request;
  const checks: [(since: string) => VerificationQuery, number, number, string][] = [
    [
      (since) => ({ since, kind: request.kind, value: request.value }),
      limits.perIdentityPerHour,
      HOUR,
      `At most ${limits.perIdentityPerHour} codes an hour go to one number or chat.`,
    ],
    [
      (since) => ({ since, user_id: request.userId }),
      limits.perIdentityPerHour,
      HOUR,
      `At most ${limits.perIdentityPerHour} codes an hour are sent for one customer.`,
    ],
    [
      (since) => ({ since, all: true }),
      limits.perDay,
      DAY,
      `The shop sends at most ${limits.perDay} codes a day, and that many have gone out.`,
    ],
  ];
  // Before the shop-wide limit, which is the one to name when both are reached.
  if (ip !== null)
    checks.splice(2, 0, [
      (since) => ({ since, ip }),
      limits.perAddressPerHour,
      HOUR,
      `At most ${limits.perAddressPerHour} codes an hour are sent for requests from one address.`,
    ]);
  for (const [query, max, window, message] of checks) {
    const { count, oldest } = await store.verificationsSent(query(new Date(t - window).toISOString()));
    if (count >= max) throw limited(message, (oldest ? Date.parse(oldest) : t) + window - t);
  }
}
