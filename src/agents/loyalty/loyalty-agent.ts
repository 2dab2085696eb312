import {
  maxRedeemablePoints,
  nextTier,
  pointsEarned,
  pointsValue,
  checkRedemption,
  tierRule,
  type LoyaltySettings,
  type RedemptionCheck,
} from '../../domain/loyalty.js';
import { fromCents, percentOf, toCents } from '../../domain/money.js';
import type { Customer, LoyaltyTier } from '../../domain/types.js';

export interface LoyaltyStatus {
  tier: LoyaltyTier;
  points: number;
  points_value: number;
  total_spent: number;
  discount_rate: number;
  points_multiplier: number;
  free_shipping: boolean;
  next_tier: { tier: LoyaltyTier; amount_needed: number } | null;
  min_redemption: number;
  point_value: number;
}

export interface LoyaltyQuote {
  order_total: number;
  tier: LoyaltyTier;
  discount_rate: number;
  discount: number;
  total_after_discount: number;
  points_earned: number;
  max_redeemable_points: number;
  max_redeemable_value: number;
}

export interface LoyaltyAgent {
  status(customer: Customer): LoyaltyStatus;
  /** What the customer's tier means for an order of this size, before any redemption. */
  quote(customer: Customer, orderTotal: number): LoyaltyQuote;
  /** Whether `points` may be redeemed against an order of `orderTotal` (before tier discount). */
  checkRedemption(customer: Customer, points: number, orderTotal: number): RedemptionCheck;
}

export function createLoyaltyAgent(deps: { settings: LoyaltySettings }): LoyaltyAgent {
  const { settings } = deps;
  const afterDiscount = (customer: Customer, total: number) =>
    fromCents(
      toCents(total) -
        toCents(percentOf(total, tierRule(customer.loyalty_tier, settings).discount_rate, settings.digits)),
    );

  return {
    status(customer) {
      const rule = tierRule(customer.loyalty_tier, settings);
      return {
        tier: customer.loyalty_tier,
        points: customer.loyalty_points,
        points_value: pointsValue(customer.loyalty_points, settings),
        total_spent: customer.total_spent,
        discount_rate: rule.discount_rate,
        points_multiplier: rule.points_multiplier,
        free_shipping: rule.free_shipping,
        next_tier: nextTier(customer.total_spent, settings),
        min_redemption: settings.min_redemption,
        point_value: settings.point_value,
      };
    },

    quote(customer, orderTotal) {
      const rule = tierRule(customer.loyalty_tier, settings);
      const discounted = afterDiscount(customer, orderTotal);
      const maxPoints = maxRedeemablePoints(discounted, customer.loyalty_points, settings);
      return {
        order_total: orderTotal,
        tier: customer.loyalty_tier,
        discount_rate: rule.discount_rate,
        discount: percentOf(orderTotal, rule.discount_rate, settings.digits),
        total_after_discount: discounted,
        points_earned: pointsEarned(discounted, customer.loyalty_tier, settings),
        max_redeemable_points: maxPoints,
        max_redeemable_value: pointsValue(maxPoints, settings),
      };
    },

    checkRedemption(customer, points, orderTotal) {
      return checkRedemption(points, afterDiscount(customer, orderTotal), customer.loyalty_points, settings);
    },
  };
}
