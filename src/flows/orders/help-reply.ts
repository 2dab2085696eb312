import { NOT_SHIPPED } from '../../orders/order-service.js';
import type { Order } from '../../domain/types.js';
import type { ReplyContext } from '../flow.js';
import { contactText } from '../../shop/contact-text.js';
import type { OrdersResult } from './results.js';
import { orderTag, statusText } from './reply.js';

const notShipped = (o: Order) => NOT_SHIPPED.includes(o.status);
const list = (items: readonly string[]) => new Intl.ListFormat('en', { type: 'conjunction' }).format(items);
/** "For anything else, you can email ... or call ...": the shop's contact after what was said. */
const forAnythingElse = (ctx: ReplyContext) =>
  `For anything else, ${contactText(ctx).replace(/^You can/, 'you can')}`;

/** What one order's cancellation left: a refund recorded, or nothing charged. */
function refundLine(o: Order, ctx: ReplyContext): string {
  const tag = orderTag(o, ctx);
  switch (o.status) {
    case 'cancelled':
      return o.refund_amount === null
        ? `Order ${tag} was cancelled before it was paid: nothing was charged, so there is nothing to refund.`
        : `Order ${tag} was paid, and a refund of ${ctx.money(o.refund_amount)} was recorded when it was cancelled.`;
    case 'expired':
      return `Order ${tag} lapsed before it was paid: nothing was charged, so there is nothing to refund.`;
    case 'pending_payment':
      return `Order ${tag} isn't paid yet: nothing has been charged for it.`;
    case 'delivered':
      return `Order ${tag} isn't cancelled, so no refund has been made on it; items from a delivered order are refunded through a return.`;
    default:
      return `Order ${tag} isn't cancelled, so no refund has been made on it.`;
  }
}

function refundText(r: Extract<OrdersResult, { kind: 'refund' }>, ctx: ReplyContext): string {
  if (r.orders.length === 0) {
    const open = r.open[0];
    return [
      'None of your orders has been cancelled, so there is no refund from a cancellation.',
      open
        ? `Order ${orderTag(open, ctx)} hasn't shipped and could still be cancelled: say "cancel order ${open.order_id}" to see what it would refund.`
        : '',
      `If you expected one, the shop can check: ${contactText(ctx).replace(/^You can/, 'you can')}`,
    ]
      .filter(Boolean)
      .join(' ');
  }
  const lines = r.orders.map((o) => refundLine(o, ctx));
  // The order records the amount, never when the money lands: no date is guessed.
  if (r.orders.some((o) => o.status === 'cancelled' && o.refund_amount !== null)) {
    lines.push(
      `Its order record doesn't say when the money reaches your account, so I won't guess a date; if it hasn't arrived, the shop can check it: ${contactText(ctx).replace(/^You can/, 'you can')}`,
    );
  }
  return lines.join(' ');
}

function uncancelText(r: Extract<OrdersResult, { kind: 'cannot' }>, ctx: ReplyContext): string {
  const closed = r.orders.filter((o) => o.status === 'cancelled' || o.status === 'expired');
  const open = r.orders.filter((o) => !closed.includes(o));
  if (r.orders.length === 0) {
    return `I can't undo a cancellation, and ${r.named ? `I can't find an order ${r.named} on your account` : 'none of your orders has been cancelled'}. ${forAnythingElse(ctx)}`;
  }
  if (closed.length === 0) {
    const o = open[0]!;
    return `I can't undo a cancellation - but order ${o.order_id} isn't cancelled: it is ${statusText(o, ctx)}, so there is nothing to undo. ${forAnythingElse(ctx)}`;
  }
  const lapsed = closed.every((o) => o.status === 'expired');
  const items = [...new Set(closed.flatMap((o) => o.items.map((i) => i.name)))];
  const tags = list(closed.map((o) => `order ${orderTag(o, ctx)}`));
  return [
    lapsed
      ? `I can't reopen an order that lapsed unpaid: ${tags} ${closed.length > 1 ? 'stay' : 'stays'} closed.`
      : `I can't undo a cancellation: ${tags} ${closed.length > 1 ? 'stay' : 'stays'} cancelled.`,
    `To have ${list(items.map((i) => `the ${i}`))} after all, order ${items.length > 1 ? 'them' : 'it'} again: say "add the ${items[0]} to my cart" and check out.`,
    forAnythingElse(ctx),
  ].join(' ');
}

/** What a customer can do about an order's items instead, by where the order is. */
function itemsInstead(o: Order | undefined, ctx: ReplyContext): string {
  const exchange = ctx.shop.exchanges?.allowed ? 'exchanged or returned' : 'returned';
  if (!o) return 'To get something different, add it to your cart and check out.';
  if (notShipped(o))
    return `Order ${orderTag(o, ctx)} hasn't shipped, so you can cancel it and order what you want instead: say "cancel order ${o.order_id}".`;
  if (o.status === 'fulfilled')
    return `Order ${orderTag(o, ctx)} is on its way; once it's delivered, its items can be ${exchange} - just ask.`;
  if (o.status === 'delivered')
    return `Order ${orderTag(o, ctx)} was delivered, so its items can be ${exchange}: say "I want to ${ctx.shop.exchanges?.allowed ? 'exchange' : 'return'} the ${o.items[0]?.name ?? 'item'}".`;
  return `Order ${orderTag(o, ctx)} is closed; to get something different, add it to your cart and check out.`;
}

function deliveryInstead(o: Order | undefined, ctx: ReplyContext): string {
  if (!o || !notShipped(o)) return o ? `Order ${orderTag(o, ctx)} can't change any more.` : '';
  const address = o.fulfilment.type === 'ship' ? ' I can still change its delivery address.' : '';
  return `Order ${orderTag(o, ctx)} hasn't shipped, so you can cancel it and order again with the delivery you want: say "cancel order ${o.order_id}".${address}`;
}

/** Replies of the orders flow that take no action: a refund asked about, a change that can't be made. */
export function ordersHelpText(r: OrdersResult, ctx: ReplyContext): string {
  if (r.kind === 'refund') return refundText(r, ctx);
  if (r.what === 'uncancel') return uncancelText(r, ctx);
  const o = r.orders[0];
  const unknown = r.named && !o ? ` I can't find an order ${r.named} on your account.` : '';
  const first =
    r.what === 'items'
      ? "I can't change what is in an order once it is placed."
      : "I can't change how an order is delivered once it is placed (its shipping method, or pickup instead of delivery).";
  const several = r.orders.length > 1 && r.orders.every(notShipped);
  const instead = several
    ? `Orders ${list(r.orders.map((x) => x.order_id))} haven't shipped, so you can cancel the one you mean and order again as you want it: say "cancel order" and its id.`
    : r.what === 'items'
      ? itemsInstead(o, ctx)
      : deliveryInstead(o, ctx);
  return [first + unknown, instead, forAnythingElse(ctx)].filter(Boolean).join(' ');
}
