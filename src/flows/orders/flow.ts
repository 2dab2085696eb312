import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { orderStatus } from './handler.js';
import { ordersText } from './reply.js';

/** The customer's orders and where they stand. */
export const orders: Flow<'order_status'> = {
  name: 'orders',
  intents: { order_status: { examples: examples.order_status } },
  route: { primary: 'cart', secondary: [] },
  handle: orderStatus,
  reply: (state, ctx) => {
    const cart = state.results.cart;
    return cart?.kind === 'orders' ? ordersText(cart.orders, ctx) : '';
  },
};
