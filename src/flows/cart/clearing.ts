import type { Intent } from '../intent.js';
import type { Turn } from '../flow.js';

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

/** A clear_cart reading whose search words name something other than the cart is a search for it. */
export async function notClearing(turn: Turn): Promise<Intent | null> {
  if (turn.state.intent !== 'clear_cart') return null;
  const words = turn.state.entities.query?.toLowerCase().split(/\s+/) ?? [];
  return words.some((w) => !CLEARING.has(w)) ? 'search' : null;
}
