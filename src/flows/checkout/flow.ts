import { list } from '../../replies/phrasing.js';
import { cardsOf } from '../cards.js';
import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { checkout as placeOrder, NAMES_A_STORE } from './handler.js';
import { ADDRESS_FIELDS, contactIn, parseAddress } from './delivery.js';
import { askText, checkoutText, pickupRefusedText, summaryText } from './reply.js';

/** A question about the shop rather than an answer: "what's express shipping cost?", "do you take PayPal?". */
const ASKS =
  /^\W*(?:(?:and|but|so|ok|okay|hmm|wait|btw|also|oh)[,\s]+)*(?:how(?! about)|what(?! about)|whats|what's|which|when|where|why|who|is there|are there|do you|does|is it|is that|are they|are you)\b/i;

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
  /** The summary's "yes", the address, the contact or the store, asked again. */
  reask: (pending, _state, ctx) => {
    if (pending.action !== 'checkout') return '';
    if (pending.confirm)
      return `Shall I place your order for ${ctx.money(pending.confirm.total)}? Say "yes" to place it.`;
    if (pending.missing === 'address') {
      const fields = (Object.keys(ADDRESS_FIELDS) as (keyof typeof ADDRESS_FIELDS)[])
        .filter((f) => !pending.partial?.[f])
        .map((f) => ADDRESS_FIELDS[f]);
      return askText('address', fields, ctx);
    }
    if (pending.missing === 'contact') return askText('contact', [], ctx);
    return pending.fulfilment.type === 'pickup' && pending.fulfilment.store_id === ''
      ? 'Which store would you like to collect your order from?'
      : '';
  },
  /** Answers to the pending checkout: "yes", "no", an address or a contact, or checkout asked again. */
  answers: (pending, message, u) => {
    if (pending.action !== 'checkout') return null;
    if (u.intent === 'affirm') return 'yes';
    if (u.intent === 'deny') return 'no';
    // "What's express shipping cost?" asks about the shop: answered aside, the checkout's question stays.
    if (u.intent !== 'checkout' && ASKS.test(message)) return null;
    if (u.intent === 'checkout' || u.entities.fulfilment !== undefined) return 'detail';
    // The answer to another of its questions than the one asked: a street address when the summary or
    // pickup is shown, an email or phone number when the address is asked for.
    if (parseAddress(message).address.line1 !== undefined || contactIn(message)) return 'detail';
    // "The Mission District store" when asked where to ship: collecting it there.
    if (pending.missing === 'address' && NAMES_A_STORE.test(message) && message.split(/\s+/).length <= 6)
      return 'detail';
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
