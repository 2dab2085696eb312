import type { ReplyContext } from '../flow.js';
import type { Order } from '../../domain/types.js';
import { plural } from '../../replies/phrasing.js';

export function ordersText(orders: Order[], ctx: ReplyContext): string {
  if (orders.length === 0) return "You haven't placed any orders yet.";
  return [
    `Your recent orders:`,
    ...orders.map(
      (o) =>
        `- ${o.order_id} (${o.created_at.slice(0, 10)}): ${plural(
          o.items.reduce((n, i) => n + i.quantity, 0),
          'item',
        )}, ${ctx.money(o.total)}, ${o.status.replace(/_/g, ' ')}`,
    ),
  ].join('\n');
}
