import type { Order } from '../../domain/types.js';
import type { Handler, Outcome, Turn } from '../flow.js';
import { parseAddress } from '../shared/address.js';
import { NOT_SHIPPED } from '../../orders/order-service.js';
import { itemNamed, orderIdIn } from './pick.js';
import type { Cannot } from './results.js';

/*
 * Changes to a placed order that this assistant cannot make, whatever the understanding made of the
 * message (often a cancel or a cart edit): they are said plainly, with what can be done instead, instead
 * of being done as something else. Stock, prices and points were settled when the order was placed, and
 * a cancelled order's stock and points have gone back.
 */

const CANCELLED = String.raw`cancel(?:l)?(?:ed|ation)`;
/** "Undo the cancellation", "uncancel", "reinstate my cancelled order", "I cancelled by mistake". */
const UNCANCEL = new RegExp(
  [
    String.raw`\bun-?cancel`,
    String.raw`\b(?:undo|reverse|revert|revoke|cancel|take back|withdraw|retract|stop)\s+(?:the\s+|my\s+|that\s+|this\s+|its\s+|order\s+)*(?:${CANCELLED}|cancel(?:l)?ing)\b`,
    String.raw`\b(?:reinstate|restore|reactivate|revive|reopen|resume|bring back|recover|un-?do)\b.{0,40}\b${CANCELLED}\b`,
    String.raw`\b(?:reinstate|restore|reactivate|revive|reopen)\s+(?:(?:my|the|that|this)\s+(?:order|purchase)\b|ORD-)`,
    String.raw`\b${CANCELLED}\b.{0,40}\b(?:by (?:mistake|accident)|accidentally|reinstated|restored|reactivated|reopened)\b`,
    String.raw`\b(?:did ?n[o']?t|didnt|never) mean(?:t)? to cancel\b|\baccidentally cancel`,
  ].join('|'),
  'i',
);
/** "Can I get my order back?" - an undo when a cancellation is mentioned ("my money back" is a refund). */
const WANTS_BACK =
  /\b(?:get|have|bring|want|put|need)\s+(?:it|them|my order|the order|that order|(?:my|the) \w+ order)\s+back\b/i;

const EDIT =
  /\b(?:chang\w*|swap\w*|switch\w*|exchang\w*|replac\w*|add(?:ing)?|put|includ\w*|remov\w*|take (?:off|out)|drop|upgrad\w*|downgrad\w*|increas\w*|decreas\w*|reduc\w*|edit\w*|modif\w*|amend\w*|updat\w*|make (?:it|that|them))\b/i;
/** What is in an order: its items, their size, colour or number. */
const ITEM =
  /\b(?:items?|products?|sizes?|colou?rs?|quantity|quantities|(?:a|an|in|to) (?:xx?s|xx?l|small|medium|large|extra large))\b/i;
/** "Remove the dutch oven from my order", "cancel one of the items": part of an order, not all of it. */
const PART_OUT =
  /\b(?:remov\w*|take (?:off|out)|drop|cancel)\b.{1,40}?\b(?:from|out of|off)\s+(?:my|the|this|that|an?)\s+(?:\w+\s+)?(?:order|purchase)\b|\bcancel\w*\s+(?:just\s+|only\s+)?(?:part of|half of|some of|an? item|one item|one of the (?:items|things|products))\b/i;
/** "Add a hoodie to the order I placed". */
const ITEM_INTO =
  /\b(?:add|put|include)\b.{1,40}?\b(?:to|in|into|on)\s+(?:my|the|this|that|an?)\s+(?:\w+\s+)?(?:order|purchase)\b/i;
/** How it is delivered: the shipping speed, or pickup instead of delivery. */
const DELIVERY =
  /\b(?:express|next[- ]day|overnight|faster|quicker|priority|same[- ]day|standard (?:shipping|delivery)|(?:shipping|delivery) (?:method|option|speed|type)|pick ?up|collect(?:ion)?|click and collect)\b/i;
const ADDRESS_WORDS = /\b(?:address|postcode|zip|street|flat|apartment|house) ?(?:number|code)?\b/i;

/** Understood as an order intent: which change the message asks for that can't be made, if any. */
export function cannotIn(
  message: string,
  intent: string,
  entities: Turn['state']['entities'],
): Cannot | null {
  if (UNCANCEL.test(message) || (WANTS_BACK.test(message) && new RegExp(CANCELLED, 'i').test(message)))
    return 'uncancel';
  if (intent === 'order_status') return null;
  if (intent === 'cancel_order') return PART_OUT.test(message) ? 'items' : null;
  // A new address, even with "instead of pickup", is the address change this flow makes.
  const address = parseAddress(message).address;
  if (ADDRESS_WORDS.test(message) || address.line1 || address.postal_code) return null;
  if (DELIVERY.test(message) && EDIT.test(message)) return 'delivery';
  if (ITEM.test(message) || PART_OUT.test(message) || ITEM_INTO.test(message)) return 'items';
  return entities.size || entities.color ? 'items' : null;
}

const open = (o: Order) => NOT_SHIPPED.includes(o.status);

/** The orders a change of this kind could be about: cancelled ones (else lapsed ones) for "undo", open ones otherwise. */
function couldMean(what: Cannot, orders: readonly Order[]): Order[] {
  if (what !== 'uncancel') return orders.filter(open);
  const cancelled = orders.filter((o) => o.status === 'cancelled');
  return cancelled.length > 0 ? cancelled : orders.filter((o) => o.status === 'expired');
}

/**
 * Says that this change can't be made, about the order named (by id or item), else the orders it could
 * mean (closed ones for "undo the cancellation", open ones for items or delivery), else the latest.
 * Nothing is changed, and any question left open lapses: "yes" afterwards confirms nothing.
 */
export const explainCannot =
  (what: Cannot): Handler =>
  async ({ state, agents }): Promise<Outcome> => {
    const orders = await agents.orders.listForUser(state.user_id, 20);
    const named = orderIdIn(state.message);
    let about: Order[];
    if (named) about = orders.filter((o) => o.order_id === named);
    else {
      const candidates = couldMean(what, orders);
      const byItem = itemNamed(
        state.message,
        candidates.map((o) => o.items.map((i) => i.name)),
      );
      about =
        byItem >= 0
          ? [candidates[byItem]!]
          : candidates.length > 0
            ? candidates.slice(0, 3)
            : orders.slice(0, 1);
    }
    return { results: { orders: { kind: 'cannot', what, orders: about, named } }, update: { pending: null } };
  };
