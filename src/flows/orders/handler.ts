import type { Handler } from '../flow.js';

export const orderStatus: Handler = async ({ state, agents }) => ({
  results: { cart: { kind: 'orders', orders: await agents.cart.orders(state.user_id) } },
});
