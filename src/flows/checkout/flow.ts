import { list } from '../../replies/phrasing.js';
import { cardsOf } from '../cards.js';
import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { checkout as placeOrder } from './handler.js';
import { contactIn, parseAddress } from './delivery.js';
import { askText, checkoutText, pickupRefusedText, summaryText } from './reply.js';

/** Turning the cart into an order, with the loyalty discount and any points the customer chose to redeem. */
export const checkout: Flow<'checkout'> = {
  name: 'checkout',
  intents: {
    checkout: {
      examples: examples.checkout,
      patterns: PATTERNS.checkout,
      shopping: true,
      acts_on_cart: true,
    },
  },
  route: { primary: 'cart', secondary: ['loyalty'] },
  handle: placeOrder,
  reply: (state, ctx) => {
    const cart = state.results.cart;
    switch (cart?.kind) {
      case 'checkout':
        return checkoutText(cart.result, ctx, 'payment_url' in cart ? cart.payment_url : null, cart.unpaid);
      case 'checkout_summary':
        return summaryText(cart.summary, ctx, cart.store, cart.note);
      case 'checkout_ask':
        return askText(cart.missing, cart.missing === 'address' ? cart.fields : [], ctx);
      case 'pickup_refused':
        return pickupRefusedText(cart.store, cart.alternatives, ctx);
      case 'pickup_choose':
        return `Which store would you like to collect from? These can hand over everything today: ${list(cart.stores.map((s) => `${s.name} (${s.city})`))}.`;
      case 'checkout_cancelled':
        return 'OK, I have not placed the order. Your cart is unchanged.';
      default:
        return '';
    }
  },
  /** The summary waiting for a "yes" is this flow's own card; a placed order maps like any result. */
  cards: (state) => {
    const cart = state.results.cart;
    return cart?.kind === 'checkout_summary'
      ? { checkout: { summary: cart.summary, expires_at: cart.expires_at } }
      : cardsOf(state.results);
  },
  /** Answers to the pending checkout: "yes", "no", an address or a contact, or checkout asked again. */
  answers: (pending, message, u) => {
    if (pending.action !== 'checkout') return null;
    if (u.intent === 'affirm') return 'yes';
    if (u.intent === 'deny') return 'no';
    if (u.intent === 'checkout' || u.entities.fulfilment !== undefined) return 'detail';
    // "Oakland" or "the Mission one" after "which store would you like to collect from?".
    if (pending.fulfilment.type === 'pickup' && pending.fulfilment.store_id === '') {
      if (u.entities.location || message.trim().split(/\s+/).length <= 4) return 'detail';
    }
    if (pending.confirm && /\b(express|standard|shipping|delivery|ship it)\b/i.test(message)) return 'detail';
    if (pending.missing === 'address') {
      const fields = Object.keys(parseAddress(message).address);
      // A town alone ("London") answers too, unless the message is confidently something else.
      const townOnly = fields.length === 1 && fields[0] === 'city' && message.trim().split(/\s+/).length <= 3;
      if (
        fields.some((k) => k !== 'city') ||
        (townOnly && (u.confidence < 0.7 || u.intent === 'general_chat'))
      )
        return 'detail';
    }
    if (pending.missing === 'contact' && contactIn(message, true)) return 'detail';
    return null;
  },
};

declare module '../intent.js' {
  interface Intents {
    checkout: true;
  }
}
