import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { checkout as placeOrder } from './handler.js';
import { checkoutText } from './reply.js';

/** Turning the cart into an order, with the loyalty discount and any points the customer chose to redeem. */
export const checkout: Flow<'checkout'> = {
  name: 'checkout',
  intents: { checkout: { examples: examples.checkout, acts_on_cart: true } },
  route: { primary: 'cart', secondary: ['loyalty'] },
  handle: placeOrder,
  reply: (state, ctx) => {
    const cart = state.results.cart;
    return cart?.kind === 'checkout' ? checkoutText(cart.result, ctx) : '';
  },
};
