import { fromCents, roundMoney, toCents } from './money.js';
import type { LoyaltyTier } from './types.js';

export interface LoyaltySettings {
  /** Fewest points a customer may redeem at once. */
  min_redemption: number;
  /** What one point is worth in the shop's currency. */
  point_value: number;
  /** Minor digits of the shop's currency, so point values round to cents or whole yen. */
  digits: number;
}

interface TierRule {
  tier: LoyaltyTier;
  /** Lifetime spend in dollars from which the tier applies. */
  from: number;
  discount_rate: number;
  points_multiplier: number;
  free_shipping: boolean;
}

/** Ordered from the lowest tier up. */
export const TIER_RULES: readonly TierRule[] = [
  { tier: 'bronze', from: 0, discount_rate: 0, points_multiplier: 1, free_shipping: false },
  { tier: 'silver', from: 500, discount_rate: 0.05, points_multiplier: 1.25, free_shipping: false },
  { tier: 'gold', from: 2000, discount_rate: 0.1, points_multiplier: 1.5, free_shipping: true },
  { tier: 'platinum', from: 5000, discount_rate: 0.15, points_multiplier: 2, free_shipping: true },
];

/** Redeemed points may pay for at most this share of an order's goods. */
export const MAX_REDEMPTION_SHARE = 0.5;

export function tierRule(tier: LoyaltyTier): TierRule {
  const rule = TIER_RULES.find((r) => r.tier === tier);
  if (!rule) throw new Error(`unknown loyalty tier ${tier}`);
  return rule;
}

export function tierForSpend(totalSpent: number): LoyaltyTier {
  let tier: LoyaltyTier = 'bronze';
  for (const rule of TIER_RULES) if (totalSpent >= rule.from) tier = rule.tier;
  return tier;
}

/** The next tier up and the spend still needed to reach it; null at the top. */
export function nextTier(totalSpent: number): { tier: LoyaltyTier; amount_needed: number } | null {
  const next = TIER_RULES.find((rule) => rule.from > totalSpent);
  return next
    ? { tier: next.tier, amount_needed: fromCents(toCents(next.from) - toCents(totalSpent)) }
    : null;
}

/** Points earned on an amount paid for goods: 1 per whole dollar times the tier's multiplier. */
export function pointsEarned(amountPaid: number, tier: LoyaltyTier): number {
  return Math.floor(Math.floor(Math.max(0, amountPaid)) * tierRule(tier).points_multiplier);
}

export const pointsValue = (points: number, settings: LoyaltySettings): number =>
  roundMoney(fromCents(Math.round(points * toCents(settings.point_value))), settings.digits);

/**
 * The most points that may be redeemed against goods worth `goodsAmount`, given a balance:
 * capped by the balance and by half the amount; 0 when that is below the minimum redemption.
 */
export function maxRedeemablePoints(goodsAmount: number, balance: number, settings: LoyaltySettings): number {
  const capCents = Math.floor(toCents(goodsAmount) * MAX_REDEMPTION_SHARE);
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
