import type { ShippingMethod } from '../../shop/shop.js';
import type { ReplyContext } from '../flow.js';
import type { CheckoutResult, CheckoutSummary } from '../../agents/cart/cart-agent.js';
import type { PickupCandidate } from '../../agents/inventory/inventory-agent.js';
import { list } from '../../replies/phrasing.js';
import { pickupWhen } from '../shared/fulfilment-text.js';
import { contactText } from '../../shop/contact-text.js';
import { ADDRESS_FIELDS, addressLine } from './delivery.js';
import { percent, points, vary } from '../../replies/phrasing.js';
import { lineText } from '../shared/cart-text.js';
import { dueText, unpaidOrderText, waysToPayText } from '../shared/payment-text.js';
import type { Order } from '../../domain/types.js';

export function checkoutText(
  r: CheckoutResult,
  ctx: ReplyContext,
  paymentUrl?: string | null,
  unpaid: readonly Order[] = [],
): string {
  switch (r.status) {
    case 'placed': {
      const o = r.order;
      const rows = [
        vary(ctx.seed, ['Your order is placed!', 'Order confirmed!', 'All done - your order is in!']) +
          ` Order ${o.order_id}:`,
        ...o.items.map((i) => lineText(i, i.line_total, ctx)),
        `Subtotal: ${ctx.money(o.subtotal)}`,
        o.tier_discount > 0
          ? `Member discount, ${o.loyalty_tier} (${percent(o.tier_discount_rate)}): -${ctx.money(o.tier_discount)}`
          : '',
        o.points_redeemed > 0
          ? `${points(o.points_redeemed)} redeemed: -${ctx.money(o.points_discount)}`
          : '',
        o.fulfilment.type === 'pickup'
          ? `Store pickup (${o.fulfilment.store_id}): free`
          : `Shipping${o.fulfilment.address ? ` to ${addressLine(o.fulfilment.address)}` : ''}: ${o.shipping === 0 ? 'free' : ctx.money(o.shipping)}`,
        taxText(o.tax, ctx),
        `Total: ${ctx.money(o.total)}`,
        o.points_earned > 0 ? `It earns ${points(o.points_earned)} once it is paid.` : '',
        ...(ctx.paymentMode === 'manual'
          ? // The shop takes the money itself: how, for this order, from its shop file.
            [dueText(o, ctx), waysToPayText(o, ctx, { bulleted: true })]
          : [
              o.expires_at
                ? `The order is awaiting payment; it is held for you until ${ctx.dateTime(o.expires_at)}.`
                : 'The order is awaiting payment.',
              paymentUrl ? `Pay here: ${paymentUrl}` : '',
              paymentUrl === undefined
                ? `I couldn't open the payment page just now; the shop can send you a payment link. ${contactText(ctx)}`
                : '',
            ]),
      ];
      return rows.filter(Boolean).join('\n');
    }
    case 'too_many_unpaid':
      return `You already have ${r.limit} orders waiting for payment, which is as many as we can hold at once. Please pay or cancel one of them first - say "my orders" to see them.`;
    case 'hold_limit':
      return holdLimitText(r);
    case 'empty':
      return unpaid.length > 0
        ? ['Your cart is empty.', ...unpaid.map((o) => unpaidOrderText(o, ctx))].join('\n')
        : 'Your cart is empty, so there is nothing to check out yet. What are you looking for?';
    case 'out_of_stock':
      return r.available === 0
        ? `Sorry, the ${r.name} just sold out, so I couldn't place the order. Nothing was charged; say "remove the ${r.name}" to take it out of your cart.`
        : `Sorry, only ${r.available} of the ${r.name} are left, so I couldn't place the order. To order those, say "make it ${r.available}".`;
    case 'redemption_refused':
      return `I couldn't apply those points: ${r.message} Nothing was ordered yet - say "checkout" to order without points, or redeem fewer.`;
    case 'unknown_shipping_method':
      return `We don't offer a shipping method called ${r.method}.`;
    case 'cart_changed':
      return 'Your cart changed while I was placing the order. Please check it and try again.';
  }
}

/** Why these units can't be set aside unpaid, and what the customer can do about it. */
function holdLimitText(r: Extract<CheckoutResult, { status: 'hold_limit' }>): string {
  const could = r.available > 0 ? ` To order ${r.available} now, say "make it ${r.available}".` : '';
  switch (r.limit) {
    case 'customer':
      return `Without an account, orders waiting for payment can hold at most ${r.max} of the ${r.name} at once, so I couldn't place this one.${could || ' Pay for the order you already have, or sign in, to order more.'}`;
    case 'address':
      return `Orders waiting for payment from this connection already hold as many of the ${r.name} as we can set aside for guests (${r.max}), so I couldn't place this one.${could || ' Sign in, or try again once those orders are paid or lapse.'}`;
    case 'share':
      return r.available > 0
        ? `Only ${r.available} more of the ${r.name} can be held for orders waiting for payment right now, so I couldn't place this one.${could}`
        : `Every ${r.name} we can hold for orders waiting for payment is held right now, so I couldn't place this one. Please try again in a little while, as unpaid orders lapse.`;
  }
}

/** "Sales tax (8.75%): $4.38" when the shop adds tax to its prices; nothing when they include it. */
function taxText(tax: number, ctx: ReplyContext): string {
  const rule = ctx.shop.tax;
  if (!rule && tax === 0) return '';
  return `${rule?.label ?? 'Tax'}${rule ? ` (${percent(rule.rate)})` : ''}: ${ctx.money(tax)}`;
}

const storeLine = (s: PickupCandidate, ctx: ReplyContext): string =>
  `${s.name}, ${s.address}, ${s.city}${s.pickup ? ` (ready ${pickupWhen(s.pickup, ctx)})` : ''}`;

/** "$5.99", or "free" with the reason: the method's threshold, else the member tier's perk. */
function shippingCost(
  t: CheckoutSummary['totals'],
  method: ShippingMethod | undefined,
  ctx: ReplyContext,
): string {
  if (t.shipping > 0) return ctx.money(t.shipping);
  if (!method || method.cost === 0) return 'free';
  const goods = t.subtotal - t.tier_discount;
  return method.free_over !== undefined && goods >= method.free_over
    ? `free (orders over ${ctx.money(method.free_over)} ship free)`
    : 'free (a perk of your member tier)';
}

/** The order as it would be placed, every figure from the priced summary and the shop file. */
export function summaryText(
  summary: CheckoutSummary,
  ctx: ReplyContext,
  store: PickupCandidate | undefined,
  note: 'expired' | 'changed' | undefined,
): string {
  const t = summary.totals;
  const f = summary.fulfilment;
  const method = f.type === 'ship' ? ctx.shop.shipping.find((m) => m.id === f.method) : undefined;
  const delivery =
    f.type === 'pickup'
      ? `Pickup at ${store ? storeLine(store, ctx) : f.store_id}: free`
      : `${method?.name ?? 'Shipping'} shipping (${method ? `${method.min_days}-${method.max_days} business days` : ''}) to ${f.address ? addressLine(f.address) : 'your address'}: ${shippingCost(t, method, ctx)}`;
  const lead =
    note === 'expired'
      ? "That summary has expired, so here it is again with today's prices:"
      : note === 'changed'
        ? 'Your cart or its prices changed since the summary, so nothing was ordered. Here is the new one:'
        : 'Here is your order - please check it:';
  const others = ctx.shop.shipping.filter((m) => m.id !== method?.id).map((m) => `"${m.name.toLowerCase()}"`);
  return [
    lead,
    ...summary.lines.map((i) => lineText(i, i.line_total, ctx)),
    `Subtotal: ${ctx.money(t.subtotal)}`,
    t.tier_discount > 0
      ? `Member discount (${percent(t.tier_discount_rate)}): -${ctx.money(t.tier_discount)}`
      : '',
    t.points_redeemed > 0 ? `${points(t.points_redeemed)} redeemed: -${ctx.money(t.points_discount)}` : '',
    delivery,
    taxText(t.tax, ctx),
    f.contact ? `Order updates go to ${f.contact}.` : '',
    `Total: ${ctx.money(t.total)}`,
    `Say "yes" within ${ctx.shop.checkout.confirmation_minutes} minutes to place the order${
      f.type === 'ship' && others.length ? `, or ask for ${list(others)} shipping or pickup instead` : ''
    }.`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function askText(missing: 'address' | 'contact', fields: string[], ctx: ReplyContext): string {
  if (missing === 'contact') return 'Which email address or phone number should order updates go to?';
  return fields.length === Object.keys(ADDRESS_FIELDS).length
    ? `Where should I ship it? Please give the ${list(fields)}${ctx.shop.pickup.enabled ? ', or say "pickup" to collect it from a store' : ''}.`
    : `Thanks - I still need the ${list(fields)} for the delivery address.`;
}

export function pickupRefusedText(
  store: PickupCandidate | null,
  alternatives: PickupCandidate[],
  ctx: ReplyContext,
): string {
  const why = !store
    ? 'No store can hand over everything in your cart today.'
    : store.missing.length > 0
      ? `${store.name} can't supply ${list(store.missing.map((n) => `the ${n}`))} today.`
      : `${store.name} is closed for the rest of today${store.pickup ? ` (it opens ${pickupWhen(store.pickup, ctx)})` : ''}.`;
  const offer = alternatives.length
    ? `These stores have everything ready today: ${list(alternatives.map((s) => storeLine(s, ctx)))}. Say "pickup at" one of them, or "checkout" to have it shipped.`
    : 'Say "checkout" to have it shipped instead.';
  return `${why} Nothing was ordered. ${offer}`;
}
