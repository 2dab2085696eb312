import type { Handler } from '../flow.js';

export const checkout: Handler = async ({ state, agents, customer }) => {
  const e = state.entities;
  const result = await agents.cart.checkout(state.user_id, {
    customer,
    actor: state.actor,
    redeem_points: e.points ?? state.redeem_points,
    fulfilment: e.fulfilment === 'pickup' ? { type: 'pickup' } : { type: 'ship' },
  });
  if (result.status === 'redemption_refused') {
    // Forget the refused points, so "checkout" again goes through without them.
    return { results: { cart: { kind: 'checkout', result } }, update: { redeem_points: 0 } };
  }
  if (result.status !== 'placed') return { results: { cart: { kind: 'checkout', result } } };
  return {
    results: {
      cart: { kind: 'checkout', result },
      loyalty: { kind: 'status', status: agents.loyalty.status(result.customer) },
    },
    update: { redeem_points: 0, pending: null },
  };
};
