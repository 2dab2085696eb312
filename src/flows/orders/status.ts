import type { Order } from '../../domain/types.js';
import type { Handler, Outcome, Turn } from '../flow.js';
import { pendingOrder, pickOrder, whichOf } from './pick.js';

const DAY_MS = 86_400_000;

/** A question about paying for an order ("how do I pay for my order?", "has my payment gone through?"). */
const ABOUT_PAYING = /\b(pay|paying|payment)\b/i;

/** "Where are my orders", "order history": the list rather than one order. */
const ASKS_FOR_ALL = /\b(orders|order history|purchase history|all (?:of )?my|everything i)\b/i;

/** Orders a customer asking "where is my order?" may mean: on their way, or arrived in the last week. */
const inQuestion = (o: Order, now: number) =>
  o.status === 'pending_payment' ||
  o.status === 'paid' ||
  o.status === 'fulfilled' ||
  (o.status === 'delivered' && now - Date.parse(o.updated_at) < 7 * DAY_MS);

export async function detail(order: Order, { shop, agents }: Turn): Promise<Outcome> {
  const f = order.fulfilment;
  const method = f.type === 'ship' ? shop.shop.shipping.find((m) => m.id === f.method) : undefined;
  const store = f.type === 'pickup' ? await agents.inventory.store(f.store_id) : null;
  return {
    results: {
      cart: {
        kind: 'order_detail',
        order,
        ...(method
          ? { method: { name: method.name, min_days: method.min_days, max_days: method.max_days } }
          : {}),
        ...(store ? { store: { name: store.name, address: store.address, city: store.city } } : {}),
      },
    },
    update: { pending: null },
  };
}

/**
 * "Where is my order?": the one meant (named by id or item, the only one on its way, or picked from the
 * list offered), in detail; several on their way -> which one?; "my orders" -> the recent ones.
 */
export const orderStatus: Handler = async (turn) => {
  const { state, agents, shop } = turn;
  const orders = await agents.orders.listForUser(state.user_id, 20);
  const pending = pendingOrder(turn, 'order_status');
  const now = shop.now().getTime();
  const wantsAll = !pending && ASKS_FOR_ALL.test(state.message);
  const open = orders.filter((o) => inQuestion(o, now));
  // "How do I pay for my order?" means the orders waiting for payment, when there are any.
  const unpaid = open.filter((o) => o.status === 'pending_payment');
  const meant = ABOUT_PAYING.test(state.message) && unpaid.length > 0 ? unpaid : open;
  const picked = pickOrder(turn, orders, wantsAll ? [] : meant, pending);
  if ('order' in picked) return detail(picked.order, turn);
  if ('unknown' in picked)
    return { results: { cart: { kind: 'order_unknown', named: picked.unknown } }, update: { pending: null } };
  if ('choose' in picked) {
    return {
      results: { cart: { kind: 'order_choose', action: 'order_status', orders: picked.choose } },
      update: {
        pending: whichOf('order_status', picked.choose),
      },
    };
  }
  return { results: { cart: { kind: 'orders', orders: orders.slice(0, 10) } }, update: { pending: null } };
};
