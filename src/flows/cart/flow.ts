import { nameSaid, whichOneText } from '../shared/named.js';
import type { SalesStateType } from '../conversation.js';
import type { Flow, Handler, ReplyContext } from '../flow.js';
import { cartText } from '../shared/cart-text.js';
import examples from './examples.json' with { type: 'json' };
import { asksHowToChange, notClearing } from './clearing.js';
import { ASKS_HOW } from '../shared/how-to.js';
import { PATTERNS } from './patterns.js';
import { addToCart, changeLine, clearCart, viewCart } from './handler.js';
import { addText, changeText } from './reply.js';
import { aboutPlacedOrder } from '../orders/take-over.js';

type CartIntent = 'add_to_cart' | 'view_cart' | 'remove_from_cart' | 'update_cart' | 'clear_cart';

const HANDLERS: Record<CartIntent, Handler> = {
  add_to_cart: addToCart,
  view_cart: viewCart,
  update_cart: changeLine,
  remove_from_cart: changeLine,
  clear_cart: clearCart,
};

/** A product named that the shop has nothing of ("a Velo cap"): said so, never another one added. */
const notFoundText = (named: string | undefined): string =>
  named && named.split(/\s+/).length > 1
    ? `I couldn't find a "${named}" in our shop. Which product would you like? You can say "the first one" or tell me its name.`
    : 'Which product would you like? You can say "the first one" or tell me its name.';

function cartReply(state: SalesStateType, ctx: ReplyContext): string {
  const r = state.results;
  const quote = r.loyalty?.kind === 'quote' ? r.loyalty.quote : undefined;
  const cart = r.cart;
  if (cart?.kind === 'add') return addText(cart.result, ctx, quote);
  if (cart?.kind === 'change') return changeText(cart.result, ctx);
  if (cart?.kind === 'no_product') {
    return cart.action === 'add'
      ? (whichOneText(state.shown, nameSaid(state.entities), state.message) ??
          notFoundText(nameSaid(state.entities)))
      : 'Which item in your cart do you mean? You can say its name or its number in the cart.';
  }
  if (cart?.kind === 'view') {
    const text = cartText(cart.cart, ctx, quote);
    const first = cart.cart.items[0];
    // "How do I remove an item?" gets the cart and the words that do it.
    return first && ASKS_HOW.test(state.message)
      ? `${text}\nTo take something out, say "remove" and its name, like "remove the ${first.name}"; "empty my cart" takes out everything.`
      : text;
  }
  if (cart?.kind === 'ask_change')
    return `What would you like to change about the ${cart.name}: the quantity, the colour or the size?`;
  return '';
}

/** Adding, changing, removing and viewing what is in the cart; loyalty adds what the cart earns. */
export const cart: Flow<CartIntent> = {
  name: 'cart',
  intents: {
    add_to_cart: {
      examples: examples.add_to_cart,
      patterns: PATTERNS.add_to_cart,
      shopping: true,
      continues: true,
      acts_on_cart: true,
      needs_product: true,
      records_view: true,
    },
    view_cart: { examples: examples.view_cart, patterns: PATTERNS.view_cart, aside: true },
    remove_from_cart: {
      examples: examples.remove_from_cart,
      patterns: PATTERNS.remove_from_cart,
      shopping: true,
      acts_on_cart: true,
    },
    update_cart: {
      meaning: 'quantity, colour, size',
      examples: examples.update_cart,
      patterns: PATTERNS.update_cart,
      shopping: true,
      continues: true,
      acts_on_cart: true,
    },
    clear_cart: { examples: examples.clear_cart, patterns: PATTERNS.clear_cart, shopping: true },
  },
  route: { primary: 'cart', secondary: ['loyalty'] },
  // "Remove the hoodie from my order" is about the order placed, not the cart, when nothing is in the cart;
  // "clear shower curtain" is a product asked for, not the cart emptied; "how do i remove...?" asks how.
  handOver: async (turn) =>
    (await asksHowToChange(turn)) ?? (await notClearing(turn)) ?? (await aboutPlacedOrder(turn)),
  handle: (turn) => HANDLERS[turn.state.intent as CartIntent](turn),
  reply: cartReply,
  /** "Which colour would you like for the Velo Hoodie?" again. */
  reask: (pending, state) => {
    if (pending.action !== 'add_to_cart') return '';
    const name = state.shown.find((p) => p.product_id === pending.product_id)?.name;
    const asks = pending.missing.map((m) => {
      const options = m === 'color' ? pending.options?.colors : pending.options?.sizes;
      return `${m === 'color' ? 'colour' : 'size'}${options?.length ? ` (${options.join(', ')})` : ''}`;
    });
    return `Which ${asks.join(' and which ')} would you like for the ${name ?? 'item'}?`;
  },
};

declare module '../intent.js' {
  interface Intents {
    add_to_cart: true;
    view_cart: true;
    remove_from_cart: true;
    update_cart: true;
    clear_cart: true;
  }
}
