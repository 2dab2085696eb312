import type { ReplyContext } from '../flow.js';
import type { Order } from '../../domain/types.js';
import type { CartResult } from '../../graph/types.js';
import { plural, points } from '../../replies/phrasing.js';
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
    case 'cancel_choose':
      return [
        'Which order would you like to cancel?',
        ...result.orders.map((o, i) => `${i + 1}. ${orderLine(o, ctx)}`),
        'Say its number or its order id.',
      ].join('\n');
    case 'cancel_none':
      if (result.named && !result.not_cancellable)
        return `I can't find an order ${result.named} on your account.`;
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
      return '';
  }
}
