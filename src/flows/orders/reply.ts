import type { ReplyContext } from '../flow.js';
import type { Order } from '../../domain/types.js';
import type { CartResult } from '../../graph/types.js';
import { plural, points } from '../../replies/phrasing.js';
import { addressLine } from '../checkout/delivery.js';
import { contactText } from '../shared/fulfilment-text.js';

/** Where an order stands, in the customer's words, from the order's own fields only. */
export function statusText(o: Order, ctx: ReplyContext): string {
  switch (o.status) {
    case 'pending_payment':
      return o.expires_at ? `awaiting payment until ${ctx.dateTime(o.expires_at)}` : 'awaiting payment';
    case 'paid':
      return 'paid, being prepared';
    case 'fulfilled':
      if (o.fulfilment.type === 'pickup') return 'ready for pickup';
      return o.carrier && o.tracking_number
        ? `shipped with ${o.carrier}, tracking number ${o.tracking_number}`
        : 'shipped';
    case 'delivered':
      return 'delivered';
    case 'cancelled':
      return o.refund_amount !== null
        ? `cancelled, with a refund of ${ctx.money(o.refund_amount)}`
        : 'cancelled';
    case 'expired':
      return 'expired unpaid';
  }
}

/** What is in an order, short: "Laptop 14", "Running Shoe and 2 more items". */
export const itemsLabel = (o: Order): string => {
  const first = o.items[0]?.name ?? 'no items';
  const more = o.items.length - 1;
  return more > 0 ? `${first} and ${plural(more, 'more item')}` : first;
};

/** Where an order stands, with the day it got there: "delivered Nov 3", "shipped Nov 28". */
function shortStatus(o: Order, ctx: ReplyContext): string {
  const day = ctx.date(o.updated_at);
  switch (o.status) {
    case 'pending_payment':
      return 'awaiting payment';
    case 'paid':
      return `paid ${day}, being prepared`;
    case 'fulfilled':
      return o.fulfilment.type === 'pickup' ? `ready for pickup since ${day}` : `shipped ${day}`;
    case 'delivered':
      return `delivered ${day}`;
    case 'cancelled':
      return `cancelled ${day}`;
    case 'expired':
      return 'expired unpaid';
  }
}

/** "ORD-.. (running shoes, delivered Nov 3)": enough to tell the customer's orders apart. */
export const orderTag = (o: Order, ctx: ReplyContext): string =>
  `${o.order_id} (${itemsLabel(o)}, ${shortStatus(o, ctx)})`;

const CHOOSE_QUESTION = {
  order_status: 'Which order do you mean?',
  cancel_order: 'Which order would you like to cancel?',
  change_order: 'Which order should go to a new address?',
} as const;

/** One order in full: what, when, where it stands, and what comes next. */
function detailText(result: Extract<CartResult, { kind: 'order_detail' }>, ctx: ReplyContext): string {
  const o = result.order;
  const lines = [
    `Order ${o.order_id} (${itemsLabel(o)}, placed ${ctx.date(o.created_at)}, ${ctx.money(o.total)}): ${statusText(o, ctx)}.`,
  ];
  const f = o.fulfilment;
  if (o.status === 'pending_payment' && o.payment_url) lines.push(`You can pay here: ${o.payment_url}`);
  if ((o.status === 'paid' || o.status === 'fulfilled') && f.type === 'ship' && result.method) {
    const m = result.method;
    const days = m.min_days === m.max_days ? `${m.min_days}` : `${m.min_days}-${m.max_days}`;
    lines.push(
      o.status === 'paid'
        ? `It goes by ${m.name} delivery, ${days} business days once shipped${f.address ? `, to ${addressLine(f.address)}` : ''}.`
        : `${m.name} delivery takes ${days} business days from shipping.`,
    );
  }
  if (o.status === 'fulfilled' && f.type === 'pickup') lines.push(`Collect it at the store ${f.store_id}.`);
  return lines.join(' ');
}

/** Replies about one order: its detail, which one, and changing where it goes. */
export function orderText(result: CartResult, ctx: ReplyContext): string {
  switch (result.kind) {
    case 'order_detail':
      return detailText(result, ctx);
    case 'order_choose':
      return [
        CHOOSE_QUESTION[result.action],
        ...result.orders.map((o, i) => `${i + 1}. ${orderTag(o, ctx)}`),
        'Say its number or its order id.',
      ].join('\n');
    case 'order_unknown':
      return `I can't find an order ${result.named} on your account. ${contactText(ctx)}`;
    case 'change_ask':
      return `Where should order ${orderTag(result.order, ctx)} go instead? Please give the ${result.fields.join(', ')}.`;
    case 'change_confirm':
      return `Send order ${result.order.order_id} to ${addressLine(result.address)} instead? Reply yes to change the address, or no to keep it as it is.`;
    case 'changed': {
      const f = result.order.fulfilment;
      return `Done: order ${result.order.order_id} will go to ${f.type === 'ship' && f.address ? addressLine(f.address) : 'the new address'}.`;
    }
    case 'change_refused': {
      const o = result.order;
      switch (result.reason) {
        case 'shipped':
          return `Order ${orderTag(o!, ctx)} has already left us, so I can't change it any more. A person at the shop may still be able to help. ${contactText(ctx)}`;
        case 'pickup':
          return `Order ${o!.order_id} is to be collected at a store, so it has no delivery address to change. To have it delivered instead, cancel it and order again, or ask the shop: ${contactText(ctx)}`;
        case 'closed':
          return `Order ${orderTag(o!, ctx)} is no longer going anywhere, so there is nothing to change.`;
        case 'moved':
          return o
            ? `I couldn't change it: order ${o.order_id} is now ${statusText(o, ctx)}. ${contactText(ctx)}`
            : "I couldn't find that order any more.";
        case 'none':
          return `You have no orders on their way that I could change. I can change the delivery address of an order that has not shipped; for anything else, ${contactText(ctx).replace(/^You can/, 'you can')}`;
      }
    }
    // eslint-disable-next-line no-fallthrough
    default:
      return '';
  }
}

export function ordersText(orders: Order[], ctx: ReplyContext): string {
  if (orders.length === 0) return "You haven't placed any orders yet.";
  return [`Your recent orders:`, ...orders.map((o) => `- ${orderLine(o, ctx)}`)].join('\n');
}

/** One order in a line: id, when, how many items, total and where it stands. */
export const orderLine = (o: Order, ctx: ReplyContext): string =>
  `${o.order_id} (placed ${ctx.dateTime(o.created_at)}): ${plural(
    o.items.reduce((n, i) => n + i.quantity, 0),
    'item',
  )}, ${ctx.money(o.total)}, ${statusText(o, ctx)}`;

export function cancelText(result: CartResult, ctx: ReplyContext): string {
  switch (result.kind) {
    case 'cancel_ask': {
      const o = result.order;
      const what =
        o.status === 'paid'
          ? `It is paid: cancelling refunds ${ctx.money(o.total)}, less the value of any points it earned that you have spent since, and the items go back on sale.`
          : 'Nothing has been charged for it: cancelling releases its items and returns any points it holds.';
      return `Cancel order ${orderLine(o, ctx)}? ${what} Reply yes to cancel it, or no to keep it.`;
    }
    case 'cancel_none':
      if (result.named && result.not_cancellable)
        return `Order ${result.named} is ${statusText(result.not_cancellable, ctx)}, so it can no longer be cancelled. ${contactText(ctx)}`;
      return 'You have no orders that can still be cancelled (only unpaid orders, or paid ones that have not shipped, can be).';
    case 'cancelled': {
      const { order, refund } = result;
      if (!refund)
        return `Order ${order.order_id} is cancelled. Nothing was charged, and its items are released.`;
      const spent =
        refund.points_shortfall > 0
          ? ` (${points(refund.points_shortfall)} it earned had already been spent, so their value is kept)`
          : '';
      return refund.sent
        ? `Order ${order.order_id} is cancelled. ${ctx.money(refund.amount)} is on its way back to how you paid${spent}.`
        : `Order ${order.order_id} is cancelled. The shop will refund ${ctx.money(refund.amount)}${spent}.`;
    }
    case 'cancel_refused':
      return `I couldn't cancel it: ${result.message}`;
    case 'cancel_kept':
      return result.order_id ? `OK, order ${result.order_id} stays as it is.` : 'OK, no order is cancelled.';
    default:
      return orderText(result, ctx);
  }
}
