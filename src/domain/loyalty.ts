import { fromCents, roundMoney, toCents } from './money.js';
import type { LoyaltyTier } from './types.js';

/** One tier of a shop's loyalty programme. */
export interface TierRule {
  tier: LoyaltyTier;
  /** Lifetime spend, in the shop's currency, from which the tier applies. */
  from: number;
  discount_rate: number;
  points_multiplier: number;
  free_shipping: boolean;
}

/** A shop's loyalty programme: its tiers (from the shop file) and redemption rules (agent settings). */
export interface LoyaltySettings {
  /** Ordered from the lowest tier up; the first starts at 0. */
  tiers: readonly TierRule[];
  /** Redeemed points may pay for at most this share of an order's goods. */
  max_redemption_share: number;
  /** Fewest points a customer may redeem at once. */
  min_redemption: number;
  /** What one point is worth in the shop's currency. */
  point_value: number;
  /** Minor digits of the shop's currency, so point values round to cents or whole yen. */
  digits: number;
}

type Tiers = Pick<LoyaltySettings, 'tiers'>;

export function tierRule(tier: LoyaltyTier, program: Tiers): TierRule {
  const rule = program.tiers.find((r) => r.tier === tier);
  if (!rule) throw new Error(`the loyalty programme has no ${tier} tier`);
  return rule;
}

export function tierForSpend(totalSpent: number, program: Tiers): LoyaltyTier {
  let tier: LoyaltyTier = program.tiers[0]?.tier ?? 'bronze';
  for (const rule of program.tiers) if (totalSpent >= rule.from) tier = rule.tier;
  return tier;
}

/** The next tier up and the spend still needed to reach it; null at the top. */
export function nextTier(
  totalSpent: number,
  program: Tiers,
): { tier: LoyaltyTier; amount_needed: number } | null {
  const next = program.tiers.find((rule) => rule.from > totalSpent);
  return next
    ? { tier: next.tier, amount_needed: fromCents(toCents(next.from) - toCents(totalSpent)) }
    : null;
}

/** Points earned on an amount paid for goods: 1 per whole unit of currency times the tier's multiplier. */
export function pointsEarned(amountPaid: number, tier: LoyaltyTier, program: Tiers): number {
  return Math.floor(Math.floor(Math.max(0, amountPaid)) * tierRule(tier, program).points_multiplier);
}

export const pointsValue = (
  points: number,
  settings: Pick<LoyaltySettings, 'point_value' | 'digits'>,
): number => roundMoney(fromCents(Math.round(points * toCents(settings.point_value))), settings.digits);

/**
 * The most points that may be redeemed against goods worth `goodsAmount`, given a balance:
 * capped by the balance and by half the amount; 0 when that is below the minimum redemption.
 */
export function maxRedeemablePoints(goodsAmount: number, balance: number, settings: LoyaltySettings): number {
  const capCents = Math.floor(toCents(goodsAmount) * settings.max_redemption_share);
  const byAmount = Math.floor(capCents / toCents(settings.point_value));
  const points = Math.min(Math.max(0, Math.floor(balance)), byAmount);
  return points >= settings.min_redemption ? points : 0;
}

export type RedemptionCheck =
  | { ok: true; points: number; value: number }
  | {
      ok: false;
      reason: 'BELOW_MINIMUM' | 'INSUFFICIENT_POINTS' | 'EXCEEDS_ORDER_SHARE';
      max_points: number;
    };

/** Validates a request to redeem `requested` points against goods worth `goodsAmount`. */
export function checkRedemption(
  requested: number,
  goodsAmount: number,
  balance: number,
  settings: LoyaltySettings,
): RedemptionCheck {
  const max = maxRedeemablePoints(goodsAmount, balance, settings);
  const points = Math.floor(requested);
  if (points < settings.min_redemption) return { ok: false, reason: 'BELOW_MINIMUM', max_points: max };
  if (points > balance) return { ok: false, reason: 'INSUFFICIENT_POINTS', max_points: max };
  if (points > max) return { ok: false, reason: 'EXCEEDS_ORDER_SHARE', max_points: max };
  return { ok: true, points, value: pointsValue(points, settings) };
}
