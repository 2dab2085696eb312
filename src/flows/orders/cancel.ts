import type { Order } from '../../domain/types.js';
import { AppError } from '../../errors.js';
import type { PendingCancel } from '../../graph/state.js';
import type { Handler, Outcome } from '../flow.js';

/** Orders that have not shipped: unpaid, or paid and still being prepared. */
const cancellable = (o: Order) => o.status === 'pending_payment' || o.status === 'paid';

/** An order id as the shop writes them, anywhere in the message. */
const orderIdIn = (message: string) => /\bORD-[A-Z0-9-]+\b/i.exec(message)?.[0].toUpperCase() ?? null;

const ask = (order: Order): Outcome => ({
  results: { cart: { kind: 'cancel_ask', order } },
  update: {
    pending: { action: 'cancel_order', order_id: order.order_id, status: order.status, choices: [] },
  },
});

/**
 * "Cancel my order": finds which order is meant (named by id, the one that can still be cancelled, or a
 * pick from a list), says what cancelling it does, and cancels only on a "yes" - and only if the order
 * is still where it was when shown (paid, shipped or expired meanwhile: said so, nothing done).
 */
export const cancelOrder: Handler = async ({ state, agents }) => {
  const pending: PendingCancel | null = state.pending?.action === 'cancel_order' ? state.pending : null;
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
  const open = orders.filter(cancellable);
  const named = orderIdIn(state.message);
  if (named) {
    const order = orders.find((o) => o.order_id === named);
    if (!order || !cancellable(order)) {
      return {
        results: { cart: { kind: 'cancel_none', named, not_cancellable: order ?? null } },
        update: { pending: null },
      };
    }
    return ask(order);
  }
  // "The second one" after "which order?".
  const ref = state.entities.reference;
  if (pending && pending.choices.length > 0 && ref?.kind === 'ordinal') {
    const id = ref.index < 0 ? pending.choices.at(ref.index) : pending.choices[ref.index];
    const order = open.find((o) => o.order_id === id);
    if (order) return ask(order);
  }
  if (open.length === 1) return ask(open[0]!);
  if (open.length > 1) {
    return {
      results: { cart: { kind: 'cancel_choose', orders: open } },
      update: {
        pending: {
          action: 'cancel_order',
          order_id: null,
          status: null,
          choices: open.map((o) => o.order_id),
        },
      },
    };
  }
  return {
    results: { cart: { kind: 'cancel_none', named: null, not_cancellable: orders[0] ?? null } },
    update: { pending: null },
  };
};
