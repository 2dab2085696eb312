import type { Address } from '../../domain/types.js';
import type { Order } from '../../domain/types.js';
import type { PendingOrder } from './pending.js';
import { NOT_SHIPPED } from '../../orders/order-service.js';
import { ADDRESS_FIELDS, isCompleteAddress, parseAddress } from '../shared/address.js';
import type { Handler, Outcome } from '../flow.js';
import { orderIdIn, pendingOrder, pickOrder, whichOf } from './pick.js';

const refused = (
  order: Order | null,
  reason: 'shipped' | 'pickup' | 'closed' | 'none' | 'moved',
): Outcome => ({
  results: { cart: { kind: 'change_refused', order, reason } },
  update: { pending: null },
});

/** Whether an order can still be sent elsewhere; why not otherwise. */
function blocked(order: Order): Outcome | null {
  if (order.status === 'cancelled' || order.status === 'expired') return refused(order, 'closed');
  if (order.fulfilment.type === 'pickup') return refused(order, 'pickup');
  if (order.status === 'fulfilled' || order.status === 'delivered') return refused(order, 'shipped');
  return null;
}

/** The address a message gives; before one is asked for, a few words are the request itself, not a town. */
function addressIn(message: string, asked: boolean): Partial<Address> {
  const read = parseAddress(message).address;
  return asked || read.line1 || read.postal_code ? read : {};
}

/** The new address so far, with what this message adds; confirm it when complete, else ask for the rest. */
function withAddress(order: Order, known: Partial<Address>, message: string, asked: boolean): Outcome {
  const read = addressIn(message, asked);
  // A town on its own only fills a town still missing ("ok yes" or "sure" is no town).
  const townOnly = !read.line1 && !read.postal_code;
  const given =
    townOnly && (known.city || /\b(yes|yeah|ok|okay|sure|please|pls|thanks)\b/i.test(message)) ? {} : read;
  // A new street starts a new address; otherwise the message fills in what was missing.
  const address = given.line1 ? given : { ...known, ...given };
  const pending: PendingOrder = {
    action: 'change_order',
    order_id: order.order_id,
    status: order.status,
    choices: [],
    address,
  };
  if (isCompleteAddress(address))
    return { results: { cart: { kind: 'change_confirm', order, address } }, update: { pending } };
  const fields = (Object.keys(ADDRESS_FIELDS) as (keyof typeof ADDRESS_FIELDS)[])
    .filter((f) => !address[f])
    .map((f) => ADDRESS_FIELDS[f]);
  return { results: { cart: { kind: 'change_ask', order, fields } }, update: { pending } };
}

/**
 * "Change the address on my order": only an order that has not shipped and is delivered rather than
 * collected can go elsewhere; the new address is read (or asked for), shown, and applied on a "yes" -
 * only if the order has still not shipped by then. Anything else is explained, with the shop's contact.
 */
export const changeOrder: Handler = async (turn) => {
  const { state, agents } = turn;
  const pending = pendingOrder(turn, 'change_order');
  if (pending?.order_id && state.answer === 'no') {
    return {
      results: { cart: { kind: 'cancel_kept', order_id: pending.order_id } },
      update: { pending: null },
    };
  }
  if (pending?.order_id && state.answer === 'yes' && pending.address && isCompleteAddress(pending.address)) {
    const changed = await agents.orders.changeAddress(pending.order_id, pending.address, state.actor);
    if (changed) return { results: { cart: { kind: 'changed', order: changed } }, update: { pending: null } };
    return refused(await agents.orders.get(pending.order_id), 'moved');
  }
  const orders = await agents.orders.listForUser(state.user_id, 20);
  if (pending?.order_id && !orderIdIn(state.message)) {
    const order = orders.find((o) => o.order_id === pending.order_id);
    if (!order) return refused(null, 'none');
    // A bare "yes" to "where should it go?" is no address: the question is asked again.
    const given = state.answer ? '' : state.message;
    return blocked(order) ?? withAddress(order, pending.address ?? {}, given, true);
  }
  const open = orders.filter((o) => NOT_SHIPPED.includes(o.status) && o.fulfilment.type === 'ship');
  // With nothing left to change, the order the customer most likely means is the newest.
  const picked = pickOrder(turn, orders, open.length > 0 ? open : orders.slice(0, 1), pending);
  if ('unknown' in picked) {
    return { results: { cart: { kind: 'order_unknown', named: picked.unknown } }, update: { pending: null } };
  }
  if ('none' in picked) return refused(null, 'none');
  if ('choose' in picked) {
    return {
      results: { cart: { kind: 'order_choose', action: 'change_order', orders: picked.choose } },
      update: {
        pending: whichOf('change_order', picked.choose, { address: addressIn(state.message, false) }),
      },
    };
  }
  // An address given with the request ("change it to 9 Elm Road") is kept while the customer picks.
  return blocked(picked.order) ?? withAddress(picked.order, pending?.address ?? {}, state.message, false);
};
