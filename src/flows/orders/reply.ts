import type { ReplyContext } from '../flow.js';
import type { Order } from '../../domain/types.js';
import type { CartResult } from '../shared/cart-result.js';
import { plural, points } from '../../replies/phrasing.js';
import { addressLine } from '../shared/address.js';
import { contactText } from '../../shop/contact-text.js';
import { waysToPayText } from '../shared/payment-text.js';

/** Where an order stands, in the customer's words, from the order's own fields only. */
export function statusText(o: Order, ctx: ReplyContext): string {
  switch (o.status) {
    case 'pending_payment':
      return o.expires_at ? `awaiting payment until ${ctx.dateTime(o.expires_at)}` : 'awaiting payment';
    case 'paid':
      return 'paid, being prepared';
    case 'fulfilled':
      if (o.fulfilment.type === 'pickup') return `ready for pickup since ${ctx.date(o.updated_at)}`;
      return o.carrier && o.tracking_number
        ? `shipped ${ctx.date(o.updated_at)} with ${o.carrier}, tracking number ${o.tracking_number}`
        : `shipped ${ctx.date(o.updated_at)}`;
    case 'delivered':
      return `delivered ${ctx.date(o.updated_at)}`;
    case 'cancelled':
      return o.refund_amount !== null
        ? `cancelled, with a refund of ${ctx.money(o.refund_amount)}`
        : 'cancelled';
    case 'expired':
      return 'expired unpaid';
  }
}

/** The day `days` business days (Monday to Friday) after `iso`, in the shop's time zone, as an ISO time. */
export function addBusinessDays(iso: string, days: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date(iso))
    .split('-')
    .map(Number);
  // Noon UTC of the shop's calendar day names the same day in any zone within 12 hours of UTC.
  const day = new Date(Date.UTC(parts[0]!, parts[1]! - 1, parts[2]!, 12));
  for (let left = days; left > 0;) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left--;
  }
  return day.toISOString();
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
  if (o.status === 'pending_payment') {
    lines.push(
      o.payment_url
        ? `You can pay here: ${o.payment_url}`
        : ctx.paymentMode === 'manual'
          ? waysToPayText(o, ctx)
          : `The shop can send you a payment link. ${contactText(ctx)}`,
    );
  }
  if ((o.status === 'paid' || o.status === 'fulfilled') && f.type === 'ship' && result.method) {
    const m = result.method;
    const days = m.min_days === m.max_days ? `${m.min_days}` : `${m.min_days}-${m.max_days}`;
    if (o.status === 'paid') {
      lines.push(
        `It goes by ${m.name} delivery, ${days} business days once shipped${f.address ? `, to ${addressLine(f.address)}` : ''}.`,
      );
    } else {
      // Counted from the day it shipped, in business days, in the shop's time zone.
      const from = ctx.date(addBusinessDays(o.updated_at, m.min_days, ctx.shop.time_zone));
      const to = ctx.date(addBusinessDays(o.updated_at, m.max_days, ctx.shop.time_zone));
      lines.push(
        `${m.name} delivery takes ${days} business days from shipping, so expect it ${from === to ? `on ${from}` : `between ${from} and ${to}`}.`,
      );
    }
  }
  if (f.type === 'pickup' && (o.status === 'paid' || o.status === 'fulfilled')) {
    const at = result.store
      ? `${result.store.name}, ${result.store.address}, ${result.store.city}`
      : `the store ${f.store_id}`;
    lines.push(o.status === 'fulfilled' ? `Collect it at ${at}.` : `It will be ready to collect at ${at}.`);
  }
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
          return o!.status === 'fulfilled'
            ? `Order ${orderTag(o!, ctx)} is waiting for you at the store, so it can't be switched to delivery. ${contactText(ctx)}`
            : `Order ${o!.order_id} is to be collected at a store, so it has no delivery address to change. To have it delivered instead, cancel it and order again, or ask the shop. ${contactText(ctx)}`;
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
  `${o.order_id} (placed ${ctx.dateTime(o.created_at)}): ${itemsLabel(o)}, ${ctx.money(o.total)}, ${statusText(o, ctx)}`;

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
    case 'cancel_none': {
      const o = result.not_cancellable;
      // Shipped or delivered: too late to cancel, but the shop's returns rules may still help.
      const sent = o && (o.status === 'fulfilled' || o.status === 'delivered');
      const returns = sent && ctx.shop.returns ? ` Our returns policy: ${ctx.shop.returns.text}` : '';
      if (result.named && o)
        return `Order ${o.order_id} is ${statusText(o, ctx)}, so it can no longer be cancelled.${returns} ${contactText(ctx)}`;
      if (sent)
        return `Your latest order ${orderTag(o, ctx)} has already left us, so it can no longer be cancelled.${returns} ${contactText(ctx)}`;
      return 'You have no orders that can still be cancelled (only unpaid orders, or paid ones that have not shipped, can be).';
    }
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
