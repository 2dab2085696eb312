import { pointsValue, tierForSpend, type TierRule } from './loyalty.js';
import { fromCents, toCents } from './money.js';
import type { Customer, LoyaltyTier, OrderTotals } from './types.js';

/**
 * What a sale credits a customer when it is paid, and what taking it back (an order cancelled after
 * payment, a return received) reverses: the rules every storage adapter applies, written once. Adapters
 * read the figures in, store what comes out, and do both in one transaction.
 */

/** The part of a customer's record that money moves. */
export type LoyaltyAccount = Pick<Customer, 'loyalty_points' | 'total_spent' | 'loyalty_tier'>;

export interface CreditProgram {
  tiers: readonly TierRule[];
  /** What one point is worth in the shop's currency. */
  point_value: number;
  /** Minor digits of the shop's currency: what points are worth rounds to cents, or whole yen. */
  digits: number;
}

/** What was paid for goods: the total less shipping and tax, which the shop passes on. */
export const goodsPaid = (order: Pick<OrderTotals, 'total' | 'shipping' | 'tax'>): number =>
  fromCents(toCents(order.total) - toCents(order.shipping) - toCents(order.tax));

/**
 * A paid order credits the points it earns and what was paid for its goods as spend; the tier follows
 * the spend. `credited` is what a later reversal must take back.
 */
export function creditSale(
  account: LoyaltyAccount,
  order: Pick<OrderTotals, 'total' | 'shipping' | 'tax' | 'points_earned'>,
  tiers: readonly TierRule[],
): { account: LoyaltyAccount; credited: { points: number; spend: number } } {
  const spend = goodsPaid(order);
  const total_spent = fromCents(toCents(account.total_spent) + toCents(spend));
  return {
    account: {
      loyalty_points: account.loyalty_points + order.points_earned,
      total_spent,
      loyalty_tier: tierForSpend(total_spent, { tiers }),
    },
    credited: { points: order.points_earned, spend },
  };
}

export interface Reversal {
  account: LoyaltyAccount;
  /** Points the reversal should have taken but the customer no longer has: they were spent. */
  points_shortfall: number;
  /** Their worth, kept from the refund (never more than the refund). */
  shortfall_amount: number;
  /** What goes back in money: the refund less `shortfall_amount`. */
  refund: number;
}

/**
 * Takes a sale (or part of one) back. Redeemed points the sale used come back (`points_back`), points it
 * earned go (`points_reversed`), its spend comes off and the tier follows (`spend_reversed`; null when
 * the sale was never credited, which leaves spend and tier alone).
 *
 * Earned points the customer has spent since cannot be taken back: their worth is kept from the refund.
 * Points held by the customer's unpaid orders are not spent - they come back if those orders lapse - so
 * they count as the customer's: the reversal may take the balance below zero by as much as they hold,
 * and the refund is whole. A balance already below zero is left owing what it owed. (If such an order is then paid, the points were spent after all; the balance
 * stays below zero until points earned later make it up.)
 */
export function reverseSale(input: {
  account: LoyaltyAccount;
  /** Points held by the customer's unpaid orders (other than any being reversed). */
  held: number;
  points_back: number;
  points_reversed: number;
  spend_reversed: number | null;
  /** What the sale (or the part taken back) would refund in money, before any shortfall. */
  refund: number;
  program: CreditProgram;
}): Reversal {
  const { account, program } = input;
  const after = account.loyalty_points + input.points_back - input.points_reversed;
  // How low this reversal may take the balance: what unpaid orders hold is the customer's, and a balance
  // already below zero stays the debt it was - this reversal charges only its own shortfall.
  const floor = Math.min(account.loyalty_points, input.held > 0 ? -input.held : 0, 0);
  const points_shortfall = Math.max(0, floor - after);
  const shortfall_amount = Math.min(
    input.refund,
    pointsValue(points_shortfall, { point_value: program.point_value, digits: program.digits }),
  );
  let total_spent = account.total_spent;
  let loyalty_tier: LoyaltyTier = account.loyalty_tier;
  if (input.spend_reversed !== null) {
    total_spent = fromCents(Math.max(0, toCents(account.total_spent) - toCents(input.spend_reversed)));
    loyalty_tier = tierForSpend(total_spent, { tiers: program.tiers });
  }
  return {
    account: { loyalty_points: Math.max(after, floor), total_spent, loyalty_tier },
    points_shortfall,
    shortfall_amount,
    refund: fromCents(Math.max(0, toCents(input.refund) - toCents(shortfall_amount))),
  };
}
