import { checkRedemption, pointsEarned, pointsValue, tierRule, type LoyaltySettings } from './loyalty.js';
import { fromCents, percentOf, toCents } from './money.js';
import type { Fulfilment, LoyaltyTier, OrderLine, OrderTotals } from './types.js';
import { AppError } from '../errors.js';

/** What shipping by the chosen method costs, from the shop's configuration. */
export interface ShippingRate {
  cost: number;
  /** Goods worth at least this ship free. */
  free_over?: number;
}

/** Tax a shop adds on top of its prices, from its configuration. */
export interface TaxRate {
  /** A share: 0.0875 is 8.75%. */
  rate: number;
  /** Whether shipping is taxed as well as goods. */
  on_shipping: boolean;
}

export type PricedLineInput = Omit<OrderLine, 'line_total'>;

export function priceLine(input: PricedLineInput): OrderLine {
  return { ...input, line_total: fromCents(toCents(input.unit_price) * input.quantity) };
}

export interface PriceOrderInput {
  lines: OrderLine[];
  tier: LoyaltyTier;
  points_balance: number;
  /** Points the customer asked to redeem; 0 for none. */
  redeem_points: number;
  fulfilment: Fulfilment;
  /** The shipping method's rate; pickup ignores it. */
  shipping: ShippingRate;
  /** Absent or null when prices include tax. */
  tax?: TaxRate | null;
  loyalty: LoyaltySettings;
}

/**
 * Prices an order: subtotal, tier discount, points redemption (at most the programme's share of the goods),
 * shipping, tax, total and points earned on what is paid for goods. Tax is the shop's rate on what is paid
 * for goods after both discounts (a US sales-tax receipt), plus shipping only where the shop taxes it,
 * rounded half up to the currency's minor unit once for the whole order. Throws a user AppError when the
 * redemption is not allowed, so a customer is told why rather than silently charged more.
 */
export function priceOrder(input: PriceOrderInput): OrderTotals {
  const rule = tierRule(input.tier, input.loyalty);
  const subtotalCents = input.lines.reduce((sum, line) => sum + toCents(line.line_total), 0);
  const subtotal = fromCents(subtotalCents);
  const tierDiscount = percentOf(subtotal, rule.discount_rate, input.loyalty.digits);
  const goods = fromCents(subtotalCents - toCents(tierDiscount));

  let pointsRedeemed = 0;
  if (input.redeem_points > 0) {
    const check = checkRedemption(input.redeem_points, goods, input.points_balance, input.loyalty);
    if (!check.ok) {
      throw new AppError(
        'REDEMPTION_NOT_ALLOWED',
        redemptionMessage(check.reason, check.max_points, input.loyalty),
        {
          details: { reason: check.reason, max_points: check.max_points },
        },
      );
    }
    pointsRedeemed = check.points;
  }
  const pointsDiscount = pointsValue(pointsRedeemed, input.loyalty);
  const paidForGoods = fromCents(toCents(goods) - toCents(pointsDiscount));
  const freeOver = input.shipping.free_over;
  const shipping =
    input.fulfilment.type === 'pickup' ||
    rule.free_shipping ||
    input.lines.length === 0 ||
    (freeOver !== undefined && goods >= freeOver)
      ? 0
      : input.shipping.cost;
  const taxed = fromCents(toCents(paidForGoods) + (input.tax?.on_shipping ? toCents(shipping) : 0));
  const tax = input.tax ? percentOf(taxed, input.tax.rate, input.loyalty.digits) : 0;

  return {
    subtotal,
    tier_discount_rate: rule.discount_rate,
    tier_discount: tierDiscount,
    points_redeemed: pointsRedeemed,
    points_discount: pointsDiscount,
    shipping,
    tax,
    total: fromCents(toCents(paidForGoods) + toCents(shipping) + toCents(tax)),
    points_earned: pointsEarned(paidForGoods, input.tier, input.loyalty),
  };
}

function redemptionMessage(reason: string, maxPoints: number, loyalty: LoyaltySettings): string {
  if (reason === 'BELOW_MINIMUM') return `Points can be redeemed from ${loyalty.min_redemption} points.`;
  if (reason === 'INSUFFICIENT_POINTS') return `You don't have that many points.`;
  return maxPoints > 0
    ? `Points can pay for at most ${Math.round(loyalty.max_redemption_share * 100)}% of an order; you can redeem up to ${maxPoints} points on this one.`
    : 'This order is too small to redeem points on.';
}
