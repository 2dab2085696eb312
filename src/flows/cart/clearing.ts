import type { Intent } from '../intent.js';
import type { Turn } from '../flow.js';
import { ASKS_HOW } from '../shared/how-to.js';
import { typeIn } from '../../domain/product-types/taxonomy.js';

/**
 * The words of a request to empty the cart, beyond the filler the understanding already drops. A
 * "clear" message naming anything else ("clear shower curtain", "clear phone case") asks for that
 * product: emptying the cart on it would lose what the customer chose.
 */
const CLEARING = new Set(
  (
    'clear empty emptied wipe reset delete remove scrap trash nuke bin throw cancel rid take out everything ' +
    'all lot whole entire start over again begin fresh clean stuff things items trolley thing completely ' +
    'totally just off want'
  ).split(' '),
);

/** Cart words a type lookup would take for products: "empty my shopping bag" is the cart. */
const CART_WORDS = /\b(?:shopping )?(?:cart|basket|bag|trolley)s?\b/gi;

/**
 * A clear_cart reading whose search words name a product ("clear shower curtain": a type, a category or
 * a brand) is a search for it; any other wording ("clear the cart, I changed my mind") still empties it.
 */
export async function notClearing(turn: Turn): Promise<Intent | null> {
  const { intent, entities, message } = turn.state;
  if (intent !== 'clear_cart') return null;
  if (entities.category || entities.brand) return 'search';
  const words = entities.query?.toLowerCase().split(/\s+/) ?? [];
  if (words.every((w) => CLEARING.has(w))) return null;
  return typeIn(message.replace(CART_WORDS, ' ')) ? 'search' : null;
}

/**
 * "How do I remove an item from my cart?" asks how: it gets the cart, with what can be done to it,
 * and nothing is removed, changed or emptied.
 */
export async function asksHowToChange(turn: Turn): Promise<Intent | null> {
  const { intent, message } = turn.state;
  const changes = intent === 'remove_from_cart' || intent === 'update_cart' || intent === 'clear_cart';
  return changes && ASKS_HOW.test(message) ? 'view_cart' : null;
}
