import type { Flow } from '../flow.js';
import { cancelOrder } from './cancel.js';
import examples from './examples.json' with { type: 'json' };
import { orderStatus } from './handler.js';
import { cancelText, ordersText } from './reply.js';

/** The customer's orders: where they stand, and cancelling one that has not shipped. */
export const orders: Flow<'order_status' | 'cancel_order'> = {
  name: 'orders',
  intents: {
    order_status: { examples: examples.order_status },
    cancel_order: {
      meaning: 'cancel an order already placed (not removing something from the cart)',
      examples: examples.cancel_order,
    },
  },
  route: { primary: 'cart', secondary: [] },
  handle: (turn) => (turn.state.intent === 'cancel_order' ? cancelOrder(turn) : orderStatus(turn)),
  reply: (state, ctx) => {
    const cart = state.results.cart;
    if (cart?.kind === 'orders') return ordersText(cart.orders, ctx);
    return cart ? cancelText(cart, ctx) : '';
  },
  /** Answers to "cancel this order?" and "which order?": yes, no, an order id or a position. */
  answers: (pending, message, u) => {
    if (pending.action !== 'cancel_order') return null;
    if (pending.order_id) {
      if (u.intent === 'affirm') return 'yes';
      if (u.intent === 'deny') return 'no';
    }
    if (/\bORD-[A-Z0-9-]+\b/i.test(message) || u.entities.reference?.kind === 'ordinal') return 'detail';
    if (u.intent === 'deny') return 'no';
    return null;
  },
};
