import type { ReturnLine, ReturnRequest } from '../../domain/returns.js';
import type { Order } from '../../domain/types.js';
import type { ReturnsResult } from './results.js';
import { points } from '../../replies/phrasing.js';
import type { ReplyContext } from '../flow.js';
import { itemsLabel } from '../orders/reply.js';
import { contactText } from '../../shop/contact-text.js';
import { entryOf } from '../support/knowledge.js';

const variant = (l: { color: string | null; size: string | null }) =>
  [l.color, l.size ? `size ${l.size}` : null].filter(Boolean).join(', ');

const lineText = (l: ReturnLine): string => {
  const what = `${l.quantity} × ${l.name}${variant(l) ? ` (${variant(l)})` : ''}`;
  return l.exchange_for ? `${what}, exchanged for ${variant(l.exchange_for) || l.exchange_for.sku}` : what;
};

const orderChoice = (o: Order, i: number, ctx: ReplyContext) =>
  `${i + 1}. ${o.order_id} (${itemsLabel(o)}, delivered ${ctx.date(o.updated_at)})`;

/** The shop's returns rules in its own words, or that there are none to go by. */
function rulesText(ctx: ReplyContext, exchange: boolean): string {
  const rules = [entryOf(ctx, 'returns'), exchange ? entryOf(ctx, 'exchanges') : null]
    .filter((e) => e !== null)
    .map((e) => e.answer);
  return rules.length > 0
    ? rules.join(' ')
    : `I don't have ${ctx.shop.name}'s returns policy to hand, so I won't guess at it. ${contactText(ctx)}`;
}

/** Refund terms from the shop file, when it states them. */
function refundTerms(ctx: ReplyContext): string {
  const r = ctx.shop.returns;
  return r && 'refund' in r && r.refund ? ` Refunds: ${r.refund}.` : '';
}

/** The refund a return will bring, with what spent points take off it, said without new arithmetic. */
function refundText(ret: ReturnRequest, ctx: ReplyContext): string {
  const less =
    ret.points_shortfall > 0
      ? `, less the worth of the ${points(ret.points_shortfall)} it earned that you've spent since,`
      : '';
  return `${ctx.money(ret.refund_amount)}${less} will be refunded once it reaches us.`;
}

function madeText(ret: ReturnRequest, ctx: ReplyContext): string {
  const money = ret.refund_amount > 0 ? ` ${refundText(ret, ctx)}` : '';
  if (ret.status === 'approved')
    return `Return ${ret.return_id} is approved: ${ret.lines.map(lineText).join('; ')}. ${ret.instructions ?? ''}${money}`;
  return `I've asked for return ${ret.return_id} (${ret.lines.map(lineText).join('; ')}). The shop reviews it and you'll hear back here.`;
}

/** Where a return made earlier stands, from the return itself and the shop's refund terms. */
function statusText(ret: ReturnRequest, ctx: ReplyContext): string {
  const what = `Return ${ret.return_id} (${ret.lines.map(lineText).join('; ')}, from ${ret.order_id})`;
  const money = ctx.money(ret.refund_amount);
  switch (ret.status) {
    case 'requested':
      return `${what} is waiting for the shop to approve it; you'll hear here when it does.`;
    case 'approved':
      return `${what} is approved and waiting for the parcel. ${ret.instructions ?? ''}${ret.refund_amount > 0 ? ` ${refundText(ret, ctx)}${refundTerms(ctx)}` : ''}`.replace(
        /\s+/g,
        ' ',
      );
    case 'received':
      return `${what} has reached us${ret.refund_amount > 0 ? `; the refund of ${money} is being made.${refundTerms(ctx)}` : '.'}`;
    case 'refunded':
      return ret.refund_amount > 0
        ? `${what} is refunded: ${money} went back on ${ctx.date(ret.updated_at)}.`
        : `${what} is closed: nothing was left to refund, as the points it earned had been spent.`;
    case 'exchanged':
      return `${what} is done: the exchange was made on ${ctx.date(ret.updated_at)}.`;
    case 'rejected':
      return `${what} was not accepted${ret.rejection_reason ? `: ${ret.rejection_reason}` : ''}.`;
  }
}

/** What the customer is told at each step of a return, from the order, the quote and the shop file only. */
export function returnsText(r: ReturnsResult, message: string, ctx: ReplyContext): string {
  switch (r.kind) {
    case 'rules': {
      const rules = rulesText(ctx, /\b(?:exchange|swap|size|colou?r|small|big|large|fit)\b/i.test(message));
      const window = ctx.shop.returns?.window_days;
      if (r.orders.length === 0 && r.late > 0 && window)
        return `${rules} Your delivered orders are past the ${window}-day window, so I can't start a return for them here. If you think one should still qualify, ${contactText(ctx).replace(/^You can/, 'you can')}`;
      if (r.orders.length === 0)
        return `${rules} I can't see a delivered order of yours here to start a return for. If yours was ordered another way, ${contactText(ctx).replace(/^You can/, 'you can')}`;
      if (r.orders.length === 1)
        return `${rules} To return something from ${r.orders[0]!.order_id} (${itemsLabel(r.orders[0]!)}), tell me which item and why.`;
      return `${rules} Which order is it from?\n${r.orders.map((o, i) => orderChoice(o, i, ctx)).join('\n')}`;
    }
    case 'choose':
      return `Which order is it from?\n${r.orders.map((o, i) => orderChoice(o, i, ctx)).join('\n')}`;
    case 'unknown':
      return `I can't find an order ${r.named} among yours. Check the number on your confirmation, or ask me for your orders.`;
    case 'ask_item':
      return `Which item from ${r.order.order_id} would you like to return?\n${r.order.items
        .map((l, i) => `${i + 1}. ${l.name}${variant(l) ? ` (${variant(l)})` : ''}`)
        .join('\n')}`;
    case 'ask_variant': {
      const line = r.order.items.find((l) => l.sku === r.sku);
      return `Which size or colour would you like instead of the ${line?.name ?? 'item'}${line && variant(line) ? ` (${variant(line)})` : ''}?`;
    }
    case 'ask_reason': {
      const names = r.skus.map((s) => r.order.items.find((l) => l.sku === s)?.name ?? s).join(' and ');
      return `Sure. What's the reason for returning the ${names}? (For example: doesn't fit, arrived damaged, not as described.)`;
    }
    case 'confirm': {
      const q = r.quote;
      const parts = [`Return from ${r.order.order_id}: ${q.lines.map(lineText).join('; ')}.`];
      if (q.points_shortfall > 0) {
        // Earned points spent since can't come off the balance: their worth comes off the refund.
        const kept = q.points_reversed - q.points_shortfall;
        parts.push(
          `It earned ${points(q.points_reversed)}; ${kept > 0 ? `${points(kept)} come off your balance, and ` : ''}the ${points(q.points_shortfall)} you've spent since are worth ${ctx.money(q.shortfall_amount)}, which is kept from the refund.`,
        );
      }
      if (q.refund_amount > 0)
        parts.push(`You'd get ${ctx.money(q.refund_expected)} back once it reaches us.${refundTerms(ctx)}`);
      if (q.lines.some((l) => l.exchange_for))
        parts.push('The new one is set aside for you when you confirm.');
      if (q.points_reversed > 0 && q.points_shortfall === 0)
        parts.push(`The ${points(q.points_reversed)} it earned come off your balance.`);
      if (q.points_back > 0) parts.push(`The ${points(q.points_back)} you redeemed on it come back to you.`);
      if (q.approval === 'review') parts.push('The shop reviews returns before approving them.');
      parts.push('Shall I start the return?');
      return parts.join(' ');
    }
    case 'made':
      return madeText(r.ret, ctx);
    case 'status':
      return r.returns.map((ret) => statusText(ret, ctx)).join('\n');
    case 'refused':
      // Not delivered yet is no mistake to take up with a person: it just needs waiting for.
      if (r.later) return r.message;
      return `${r.message} If you think that's wrong, a person can look at it: ${contactText(ctx).replace(/^You can /, 'you can ')}`;
    case 'kept':
      return "Okay, I haven't started a return.";
  }
}
