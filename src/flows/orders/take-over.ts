import { NOT_SHIPPED } from '../../orders/order-service.js';
import type { Intent } from '../intent.js';
import type { Turn } from '../flow.js';
import { cannotIn } from './cannot.js';
import { asksRefund } from './refund.js';
import type { Cannot } from './results.js';

const ORDER_INTENTS: readonly string[] = ['order_status', 'cancel_order', 'change_order'];
const NOT_PLACED_ORDER = /\b(?:cart|basket|bag|exchang\w*|return\w*|send (?:it |them )?back)\b/i;
/** An order already placed, not the cart: "my existing order", "the order I just placed", an order id. */
const PLACED =
  /\bORD-[A-Z0-9-]+|\b(?:existing|placed|previous|last|recent|latest|submitted|confirmed)\s+order\b|\border\s+(?:i|we)\s+(?:just\s+|already\s+)?(?:placed|made|submitted|paid for)\b/i;

/**
 * What an orders message asks that no action answers: the refund of a cancelled order, or a change this
 * assistant can't make. Null for anything else, and for a yes or no to the question the flow asked.
 */
export async function orderQuestion(turn: Turn): Promise<'refund' | Cannot | null> {
  const { state, agents } = turn;
  if (state.answer === 'yes' || state.answer === 'no') return null;
  const cannot = cannotIn(state.message, state.intent, state.entities);
  if (cannot) return cannot;
  return (await asksRefund(state.message, () => agents.orders.listForUser(state.user_id, 20)))
    ? 'refund'
    : null;
}

/**
 * The orders intent a message read as something else really is, from the customer's own orders: "where's
 * my refund for the cancelled order?" (a policy question, a return, or not understood) is about that
 * order; "undo the cancellation" is a change to it; "remove the hoodie from my order" with nothing in the
 * cart, or "add one to the order I placed", is a change to what was ordered - each answered by the
 * orders flow, which says what it can and can't do. Null keeps the intent.
 */
export async function aboutPlacedOrder(turn: Turn): Promise<Intent | null> {
  const { state, agents } = turn;
  if (ORDER_INTENTS.includes(state.intent) || state.answer === 'yes' || state.answer === 'no') return null;
  const { message } = state;
  const cannot = cannotIn(message, 'change_order', state.entities);
  if (cannot === 'uncancel') return 'change_order';
  if (await asksRefund(message, () => agents.orders.listForUser(state.user_id, 20))) return 'order_status';
  // An exchange or a return is the returns flow's; the cart's own words are the cart's.
  if (cannot !== 'items' || !/\border\b|\bORD-/i.test(message) || NOT_PLACED_ORDER.test(message)) return null;
  if (PLACED.test(message)) return 'change_order';
  // "Remove the hoodie from my order" with an empty cart and an order on its way means that order.
  const removing = state.intent === 'remove_from_cart' || state.intent === 'update_cart';
  if (!removing && state.unclear !== 'unsure') return null;
  const orders = await agents.orders.listForUser(state.user_id, 20);
  const open = orders.some((o) => NOT_SHIPPED.includes(o.status));
  return open && (await agents.cart.view(state.user_id)).items.length === 0 ? 'change_order' : null;
}

/** A question rather than a statement: "when do I get it?", "where's my refund". */
const QUESTION =
  /\?|^\W*(?:when|where|wheres|has|have|did|will|was|is|how|any)\b|\b(?:when|where)(?:'s|s| is| will| do| does| can)\b/i;

/**
 * A complaint that asks about the refund of a cancelled order ("I cancelled 2 weeks ago, where is my
 * refund?") is answered from that order; one that only complains keeps its person.
 */
export async function refundAskedInComplaint(turn: Turn): Promise<Intent | null> {
  const { state, agents } = turn;
  if (state.intent !== 'complaint' || !QUESTION.test(state.message)) return null;
  const asked = await asksRefund(state.message, () => agents.orders.listForUser(state.user_id, 20));
  return asked ? 'order_status' : null;
}

/**
 * "Change the size in my order to L" from a customer with no order placed yet and something in the cart:
 * the order they mean is the one they are about to place, and the cart can change.
 */
export async function meansTheCart(turn: Turn): Promise<boolean> {
  const { state, agents } = turn;
  if (/\bORD-/i.test(state.message) || PLACED.test(state.message)) return false;
  const orders = await agents.orders.listForUser(state.user_id, 20);
  if (orders.some((o) => NOT_SHIPPED.includes(o.status))) return false;
  return (await agents.cart.view(state.user_id)).items.length > 0;
}
