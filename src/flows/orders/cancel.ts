import { NOT_SHIPPED } from '../../orders/order-service.js';
import type { Order } from '../../domain/types.js';
import { AppError } from '../../errors.js';
import type { Handler, Outcome } from '../flow.js';
import { pendingOrder, pickOrder, whichOf } from './pick.js';

/** Orders that have not shipped: unpaid, or paid and still being prepared. */
const cancellable = (o: Order) => NOT_SHIPPED.includes(o.status);

const ask = (order: Order): Outcome => ({
  results: { cart: { kind: 'cancel_ask', order } },
  update: {
    pending: { action: 'cancel_order', order_id: order.order_id, status: order.status, choices: [] },
  },
});

/**
 * "Cancel my order": finds which order is meant (named by id or item, the one that can still be
 * cancelled, or a pick from a list), says what cancelling it does, and cancels only on a "yes" - and only
 * if the order is still where it was when shown (paid, shipped or expired meanwhile: said so, nothing done).
 */
export const cancelOrder: Handler = async (turn) => {
  const { state, agents } = turn;
  const pending = pendingOrder(turn, 'cancel_order');
  if (pending && state.answer === 'no') {
    return {
      results: { cart: { kind: 'cancel_kept', order_id: pending.order_id } },
      update: { pending: null },
    };
  }
  if (pending?.order_id && state.answer === 'yes') {
    try {
      const done = await agents.orders.change(
        pending.order_id,
        { to: 'cancelled', ...(pending.status ? { from: pending.status } : {}) },
        state.actor,
      );
      return {
        results: {
          cart: { kind: 'cancelled', order: done.order, ...(done.refund ? { refund: done.refund } : {}) },
        },
        update: { pending: null },
      };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'INVALID_TRANSITION') throw error;
      return {
        results: { cart: { kind: 'cancel_refused', order_id: pending.order_id, message: error.message } },
        update: { pending: null },
      };
    }
  }

  const orders = await agents.orders.listForUser(state.user_id, 20);
  // Back to the order shown after a side question: it is asked again, never cancelled on an old "yes".
  const shown = pending?.order_id ? orders.find((o) => o.order_id === pending.order_id) : undefined;
  if (shown && cancellable(shown) && !/\bORD-/i.test(state.message)) return ask(shown);
  const picked = pickOrder(turn, orders, orders.filter(cancellable), pending);
  if ('unknown' in picked) {
    return { results: { cart: { kind: 'order_unknown', named: picked.unknown } }, update: { pending: null } };
  }
  if ('order' in picked) {
    if (cancellable(picked.order)) return ask(picked.order);
    return {
      results: { cart: { kind: 'cancel_none', named: picked.order.order_id, not_cancellable: picked.order } },
      update: { pending: null },
    };
  }
  if ('choose' in picked) {
    return {
      results: { cart: { kind: 'order_choose', action: 'cancel_order', orders: picked.choose } },
      update: {
        pending: whichOf('cancel_order', picked.choose),
      },
    };
  }
  return {
    results: { cart: { kind: 'cancel_none', named: null, not_cancellable: orders[0] ?? null } },
    update: { pending: null },
  };
};
