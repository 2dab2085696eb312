import type { ReplyContext } from '../flow.js';
import type { LoyaltyStatus } from '../../agents/loyalty/loyalty-agent.js';
import type { LoyaltyResult } from './results.js';
import { percent, points, vary } from '../../replies/phrasing.js';

export function statusText(s: LoyaltyStatus, ctx: ReplyContext): string {
  const perks = [
    s.discount_rate > 0 ? `${percent(s.discount_rate)} off every order` : '',
    `${s.points_multiplier}x points on every ${ctx.money(1)} spent`,
    s.free_shipping ? 'free shipping' : '',
  ].filter(Boolean);
  const next = s.next_tier
    ? `Spend ${ctx.money(s.next_tier.amount_needed)} more to reach ${s.next_tier.tier}.`
    : "You're at our top tier - thank you!";
  const redeem =
    s.points >= s.min_redemption
      ? `You can redeem them from ${points(s.min_redemption)} at checkout.`
      : `You can redeem points once you have ${points(s.min_redemption)}.`;
  // Below zero only when points earned on an order taken back had gone towards an unpaid order.
  const balance =
    s.points < 0
      ? ` with a balance of -${points(-s.points)}: points earned on an order that was cancelled or returned had already gone towards an unpaid order, so the next points you earn make that up first.`
      : ` with ${points(s.points)} (worth ${ctx.money(s.points_value)}).`;
  return [
    vary(ctx.seed, [`You're a ${s.tier} member`, `Your tier is ${s.tier}`]) + balance,
    `Your perks: ${perks.join(', ')}.`,
    next,
    redeem,
  ].join('\n');
}

export function redemptionText(r: Extract<LoyaltyResult, { kind: 'redemption' }>, ctx: ReplyContext): string {
  if (r.cart_subtotal === 0)
    return 'Add something to your cart first, then I can apply your points at checkout.';
  if (r.check.ok) {
    return `Done: ${points(r.check.points)} (${ctx.money(r.check.value)}) will be taken off at checkout. Say "checkout" when you're ready.`;
  }
  const reason = {
    BELOW_MINIMUM: `points can be redeemed from ${points(r.min_redemption)} upward`,
    INSUFFICIENT_POINTS: `you don't have ${points(r.requested)}`,
    EXCEEDS_ORDER_SHARE: `points can pay for at most ${percent(ctx.shop.loyalty.max_redemption_share)} of an order`,
  }[r.check.reason];
  return r.check.max_points > 0
    ? `I can't redeem ${points(r.requested)}: ${reason}. You can use up to ${points(r.check.max_points)} on this cart.`
    : `I can't redeem points on this cart yet: ${reason}.`;
}
