import type { Flow } from '../flow.js';
import { addressLine, isCompleteAddress, parseAddress } from '../shared/address.js';
import { list } from '../../replies/phrasing.js';
import { cancelOrder } from './cancel.js';
import { changeOrder } from './change.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { answersWhich, orderIdIn } from './pick.js';
import { MONEY_QUESTION, SAYS_YES } from '../shared/answers.js';
import { aboutTheirReturn } from '../returns/handler.js';
import { explainCannot } from './cannot.js';
import { ordersHelpText } from './help-reply.js';
import { refundStatus } from './refund.js';
import { meansTheCart, orderQuestion } from './take-over.js';
import { cancelText, ordersText } from './reply.js';
import { orderStatus } from './status.js';

/** A customer taking back what they were about to confirm. */
const BACKING_OUT =
  /^(?!.*\d).*\b(no|nope|nah|not sure|wait|hold on|never ?mind|keep (?:it|the old|as)|leave it|don'?t)\b/i;

/** The customer's orders: where they stand, cancelling one, and sending one that has not shipped elsewhere. */
export const orders: Flow<'order_status' | 'cancel_order' | 'change_order'> = {
  name: 'orders',
  intents: {
    order_status: {
      examples: examples.order_status,
      patterns: PATTERNS.order_status,
      lasting_question: true,
    },
    cancel_order: {
      meaning: 'cancel an order already placed (not removing something from the cart)',
      examples: examples.cancel_order,
      patterns: PATTERNS.cancel_order,
      lasting_question: true,
    },
    change_order: {
      meaning: 'change an order already placed: its delivery address, or its items (not the cart)',
      examples: examples.change_order,
      patterns: PATTERNS.change_order,
      lasting_question: true,
      // "Send ORD-5A3F0202 to 77 Shattuck Ave, Berkeley, CA 94704": an order and a street address say what
      // is wanted, however unsure an unknown street name leaves the reading.
      says: /^(?:(?:please|pls|can you|could you)\s+)?(?:send|ship|deliver|redirect|forward)\s+(?:my\s+)?(?:order\s+)?ord-[a-z0-9-]+\s+to\s+\d+\s+\S.*$/i,
    },
  },
  route: { primary: 'cart', secondary: [] },
  // A refund the order data answers is a question about the order; a change that can't be made is a
  // change, whatever it was read as ("undo the cancellation" is no cancel). "Has my refund gone
  // through?" from a customer with a return is about that return.
  handOver: async (turn) => {
    const asked = await orderQuestion(turn);
    if (asked === 'items' && (await meansTheCart(turn))) return 'update_cart';
    if (asked) return asked === 'refund' ? 'order_status' : 'change_order';
    return turn.state.intent === 'order_status' && (await aboutTheirReturn(turn)) ? 'return_request' : null;
  },
  handle: async (turn) => {
    // A refund the order data answers, or a change that can't be made here, is answered before any
    // action is taken: "undo the cancellation" never starts a cancel.
    const asked = await orderQuestion(turn);
    if (asked === 'refund') return refundStatus(turn);
    if (asked) return explainCannot(asked)(turn);
    if (turn.state.intent === 'cancel_order') return cancelOrder(turn);
    if (turn.state.intent === 'change_order') return changeOrder(turn);
    return orderStatus(turn);
  },
  reply: (state, ctx) => {
    if (state.results.orders) return ordersHelpText(state.results.orders, ctx);
    const cart = state.results.cart;
    if (cart?.kind === 'orders') return ordersText(cart.orders, ctx);
    return cart ? cancelText(cart, ctx) : '';
  },
  /** "Cancel this order?", "send it there?" or "which order?" again, in brief. */
  reask: (pending) => {
    if (
      pending.action !== 'cancel_order' &&
      pending.action !== 'change_order' &&
      pending.action !== 'order_status'
    )
      return '';
    const id = pending.order_id;
    if (!id)
      return pending.choices.length > 0 ? `Which order do you mean: ${list(pending.choices, 'or')}?` : '';
    if (pending.action === 'cancel_order')
      return `Shall I cancel order ${id}? Reply yes to cancel it, or no to keep it.`;
    if (pending.action !== 'change_order') return '';
    return pending.address && isCompleteAddress(pending.address)
      ? `Shall I send order ${id} to ${addressLine(pending.address)} instead? Reply yes or no.`
      : `Where should order ${id} go instead?`;
  },
  /**
   * Answers to "cancel this order?", "send it there?", "which order?" and "where should it go?": yes, no,
   * an order id, a position or an item, or the address.
   */
  answers: (pending, message, u) => {
    if (
      pending.action !== 'cancel_order' &&
      pending.action !== 'order_status' &&
      pending.action !== 'change_order'
    )
      return null;
    const confirming = pending.order_id !== null && pending.action !== 'order_status';
    // "Will I get my money back?" before saying yes: the question again, with what cancelling refunds.
    if (
      confirming &&
      pending.action === 'cancel_order' &&
      MONEY_QUESTION.test(message) &&
      /\?\s*$|^\W*(?:will|would|do|does|how|when|can|is)\b/i.test(message)
    )
      return 'detail';
    // "Hmm actually no", "nope, keep the old one", "wait, not sure": never an address, never a yes.
    if (confirming && (u.intent === 'deny' || BACKING_OUT.test(message))) return 'no';
    // "Yes, cancel it" is read as cancelling again; it answers the question asked - unless it names
    // another order.
    const named = orderIdIn(message);
    if (
      confirming &&
      (!named || named === pending.order_id) &&
      (u.intent === 'affirm' || SAYS_YES.test(message))
    )
      return 'yes';
    if (named) return 'detail';
    if (pending.choices.length > 0 && answersWhich(message, u.entities.reference, pending.choice_items ?? []))
      return 'detail';
    if (u.intent === 'deny') return 'no';
    if (pending.action === 'change_order' && pending.order_id) {
      const found = parseAddress(message).address;
      const missingCity = !pending.address?.city;
      if (
        found.line1 ||
        found.postal_code ||
        (missingCity && found.city && message.trim().split(/\s+/).length <= 3)
      )
        return 'detail';
    }
    return null;
  },
};

declare module '../intent.js' {
  interface Intents {
    order_status: true;
    cancel_order: true;
    change_order: true;
  }
}
