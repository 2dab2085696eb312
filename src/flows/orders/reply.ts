import type { ReplyContext } from '../flow.js';
import type { Order } from '../../domain/types.js';
import { plural } from '../../replies/phrasing.js';

/** Where an order stands, in the customer's words, from the order's own fields only. */
function statusText(o: Order, ctx: ReplyContext): string {
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
  return [
    `Your recent orders:`,
    ...orders.map(
      (o) =>
        `- ${o.order_id} (placed ${ctx.dateTime(o.created_at)}): ${plural(
          o.items.reduce((n, i) => n + i.quantity, 0),
          'item',
        )}, ${ctx.money(o.total)}, ${statusText(o, ctx)}`,
    ),
  ].join('\n');
}
