import type { SalesStateType } from '../conversation.js';
import type { Flow, ReplyContext } from '../flow.js';
import { quoteText } from '../shared/cart-text.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { loyaltyStatus, redeemPoints } from './handler.js';
import { redemptionText, statusText } from './reply.js';

function loyaltyReply(state: SalesStateType, ctx: ReplyContext): string {
  const loyalty = state.results.loyalty;
  if (loyalty?.kind === 'redemption') return redemptionText(loyalty, ctx);
  if (loyalty?.kind !== 'status') return '';
  const parts = [statusText(loyalty.status, ctx)];
  if (loyalty.quote)
    parts.push(
      `On your current cart (${ctx.money(loyalty.quote.order_total)}): ${quoteText(ctx, loyalty.quote)}`,
    );
  return parts.join('\n\n');
}

/** Tier, points and perks, and choosing points to redeem at the next checkout. */
export const loyalty: Flow<'loyalty' | 'redeem_points'> = {
  name: 'loyalty',
  intents: {
    loyalty: { meaning: 'points, tier', examples: examples.loyalty, patterns: PATTERNS.loyalty, aside: true },
    redeem_points: { examples: examples.redeem_points, patterns: PATTERNS.redeem_points, acts_on_cart: true },
  },
  route: { primary: 'loyalty', secondary: ['cart'] },
  handle: (turn) => (turn.state.intent === 'redeem_points' ? redeemPoints(turn) : loyaltyStatus(turn)),
  reply: loyaltyReply,
};

declare module '../intent.js' {
  interface Intents {
    loyalty: true;
    redeem_points: true;
  }
}
