import type { Handler } from '../flow.js';

export const loyaltyStatus: Handler = async ({ state, agents, customer }) => {
  const cart = await agents.cart.view(state.user_id);
  const hasItems = cart.item_count > 0;
  return {
    results: {
      loyalty: {
        kind: 'status',
        status: agents.loyalty.status(customer),
        ...(hasItems ? { quote: agents.loyalty.quote(customer, cart.subtotal) } : {}),
      },
      ...(hasItems ? { cart: { kind: 'view', cart } } : {}),
    },
  };
};

/** Checks a redemption against the cart and keeps it for checkout; points move only when the order is placed. */
export const redeemPoints: Handler = async ({ state, agents, customer }) => {
  const cart = await agents.cart.view(state.user_id);
  const requested =
    state.entities.points ?? agents.loyalty.quote(customer, cart.subtotal).max_redeemable_points;
  const check = agents.loyalty.checkRedemption(customer, requested, cart.subtotal);
  return {
    results: {
      cart: { kind: 'view', cart },
      loyalty: {
        kind: 'redemption',
        check,
        requested,
        cart_subtotal: cart.subtotal,
        min_redemption: agents.loyalty.status(customer).min_redemption,
      },
    },
    update: check.ok ? { redeem_points: check.points } : {},
  };
};
