import { testLoyalty } from '../../testing/fixtures.js';
import { describe, expect, it } from 'vitest';
import { makeCustomer } from '../../testing/fixtures.js';
import { createLoyaltyAgent } from './loyalty-agent.js';

const agent = createLoyaltyAgent({ settings: testLoyalty });

describe('loyalty agent', () => {
  it('reports tier, points, perks and the distance to the next tier', () => {
    const s = agent.status(
      makeCustomer({ user_id: 'u', loyalty_tier: 'silver', loyalty_points: 850, total_spent: 1250 }),
    );
    expect(s).toMatchObject({
      tier: 'silver',
      points: 850,
      points_value: 85,
      discount_rate: 0.05,
      points_multiplier: 1.25,
      free_shipping: false,
      next_tier: { tier: 'gold', amount_needed: 750 },
    });
  });

  it('quotes the discount, points earned and redeemable points for an order total', () => {
    const q = agent.quote(
      makeCustomer({ user_id: 'u', loyalty_tier: 'platinum', loyalty_points: 10_000 }),
      1299.99,
    );
    expect(q).toMatchObject({
      discount: 195,
      total_after_discount: 1104.99,
      points_earned: 2208,
      max_redeemable_points: 5524,
    });
  });

  it('checks redemption against the discounted order', () => {
    const c = makeCustomer({ user_id: 'u', loyalty_tier: 'gold', loyalty_points: 500 });
    expect(agent.checkRedemption(c, 450, 100)).toMatchObject({ ok: true, points: 450, value: 45 });
    expect(agent.checkRedemption(c, 460, 100)).toMatchObject({
      ok: false,
      reason: 'EXCEEDS_ORDER_SHARE',
      max_points: 450,
    });
  });
});
