import type { Order } from '../../domain/types.js';
import { contactText } from '../../shop/contact-text.js';
import { list } from '../../replies/phrasing.js';
import {
  manualMethodsFor,
  ORDER_ID_TOKEN,
  transferReference,
  type BankTransfer,
  type ManualMethod,
} from '../../shop/payments.js';
import type { ShopContext } from '../../shop/shop-context.js';

/**
 * How a customer pays, in words, from the shop file's `payments` and PAYMENT_PROVIDER only: a way the
 * file does not list is never offered, and an order is offered only the ways that fit it (pay at pickup
 * for an order collected at a store, cash on delivery for one delivered).
 */

const or = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

/** "Bayside Goods Inc. at Example Bay Bank (account number 000123456789, routing number 123456780)". */
function bankAccount(b: BankTransfer): string {
  const details = [
    b.iban ? `IBAN ${b.iban}` : '',
    b.bic ? `BIC ${b.bic}` : '',
    b.account_number ? `account number ${b.account_number}` : '',
    b.routing_number ? `routing number ${b.routing_number}` : '',
    b.sort_code ? `sort code ${b.sort_code}` : '',
  ].filter(Boolean);
  return `${b.account_holder}${b.bank ? ` at ${b.bank}` : ''} (${details.join(', ')})`;
}

/** The reference a transfer carries: the order's own, or the shop's rule when no order is meant. */
function referenceText(b: BankTransfer, orderId: string | null): string {
  if (orderId) return `with the reference ${transferReference(b, orderId)}`;
  return b.reference === ORDER_ID_TOKEN
    ? 'with your order number as the reference'
    : `with the reference ${b.reference.split(ORDER_ID_TOKEN).join('[your order number]')}`;
}

/**
 * One way to pay, for an order (`orderId`) or in general, with the shop's own note as it wrote it; `short`
 * once the details were given in the same reply.
 */
function wayText(method: ManualMethod, ctx: ShopContext, orderId: string | null, short = false): string {
  const p = ctx.shop.payments;
  const note = (n: string | undefined) => (n && !short ? ` (${n.replace(/\.$/, '')})` : '');
  switch (method) {
    case 'bank_transfer': {
      const b = p.bank_transfer!;
      const to = short ? '' : ` to ${bankAccount(b)},`;
      return `by bank transfer${to} ${referenceText(b, orderId)}${note(b.note)}`;
    }
    case 'pay_at_pickup': {
      const s = p.pay_at_pickup!;
      const how = s.accepts.length > 0 && !short ? `, with ${or(s.accepts)}` : '';
      const what = orderId
        ? 'when you collect it at the store'
        : 'at the store when you collect a pickup order';
      return `${what}${how}${note(s.note)}`;
    }
    case 'cash_on_delivery': {
      const c = p.cash_on_delivery!;
      return `in cash on delivery${orderId ? '' : ', for orders we deliver'}${note(c.note)}`;
    }
  }
}

/**
 * How to pay an order by hand (manual mode): "You can pay by bank transfer to ..., with the reference
 * ORD-..." - a list when there are several ways and `bulleted`, the ways without the details already
 * given when `short`; the shop's contact when its file lists no way that fits the order.
 */
export function waysToPayText(
  order: Order,
  ctx: ShopContext,
  options: { bulleted?: boolean; short?: boolean } = {},
): string {
  const ways = manualMethodsFor(ctx.shop.payments, order.fulfilment.type).map((m) =>
    wayText(m, ctx, order.order_id, options.short),
  );
  if (ways.length === 0) return `To pay for it, contact the shop. ${contactText(ctx)}`;
  if (ways.length === 1 || !options.bulleted) return `You can pay ${ways.join('; or ')}.`;
  return ['You can pay:', ...ways.map((w) => `- ${w}`)].join('\n');
}

/** "Please pay $52.53 by Dec 2, 1:00 PM PST; unpaid by then, the order lapses." from the order's deadline. */
export const dueText = (order: Order, ctx: ShopContext): string =>
  order.expires_at
    ? `Please pay ${ctx.money(order.total)} by ${ctx.dateTime(order.expires_at)}; unpaid by then, the order lapses.`
    : `Please pay ${ctx.money(order.total)}.`;

/**
 * An unpaid order in a sentence, with how to pay it: its payment page (stripe) or the shop's ways
 * (manual), `short` after the ways were given in full.
 */
export function unpaidOrderText(order: Order, ctx: ShopContext, short = false): string {
  const head = `Your order ${order.order_id} (${ctx.money(order.total)}) is awaiting payment${
    order.expires_at ? ` until ${ctx.dateTime(order.expires_at)}` : ''
  }.`;
  if (ctx.paymentMode === 'stripe')
    return order.payment_url
      ? `${head} You can pay it here: ${order.payment_url}`
      : `${head} The shop can send you a payment link. ${contactText(ctx)}`;
  return `${head} ${waysToPayText(order, ctx, { short })}`;
}

/**
 * How the shop is paid, in general: the ways its file lists (manual) or the payment page (stripe); null
 * when the file says nothing.
 */
export function paymentMethodsText(ctx: ShopContext): string | null {
  const p = ctx.shop.payments;
  const currency = ` Prices are in ${ctx.shop.currency}.`;
  if (ctx.paymentMode === 'stripe') {
    const takes = p.online.length > 0 ? ` It takes ${list(p.online)}.` : '';
    return `You pay online by card, on a secure payment page whose link I give you when you place your order.${takes}${currency}`;
  }
  const ways = manualMethodsFor(p).map((m) => wayText(m, ctx, null));
  if (ways.length === 0) return null;
  return `You can pay ${ways.join('; or ')}.${currency}`;
}
