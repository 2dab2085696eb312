import type { Entities } from '../../nlu/port.js';
import type { ShownProduct } from '../conversation.js';

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);

/**
 * The shown products a name the customer said fits best: those sharing the most of its words with their
 * brand, name and category. One when the name tells them apart; several when it doesn't ("the Velo one"
 * with two Velo hoodies on screen); none when no product shares a word.
 */
export function namedAmong(shown: readonly ShownProduct[], text: string): ShownProduct[] {
  const wanted = new Set(words(text));
  let best: ShownProduct[] = [];
  let bestScore = 0;
  for (const p of shown) {
    const score = words(`${p.brand} ${p.name} ${p.category}`).filter((w) => wanted.has(w)).length;
    if (score > bestScore) [best, bestScore] = [[p], score];
    else if (score === bestScore && score > 0) best.push(p);
  }
  return best;
}

/** "Which one do you mean: the A or the B?", when a name fits several products on screen; else null. */
export function whichOneText(shown: readonly ShownProduct[], text: string | undefined): string | null {
  const fits = text ? namedAmong(shown, text) : [];
  if (fits.length < 2) return null;
  const names = fits.slice(0, 4).map((p) => `the ${p.name}`);
  return `Which one do you mean: ${names.slice(0, -1).join(', ')} or ${names.at(-1)}?`;
}

/** The name the customer gave a product, or its brand alone ("the Velo one"). */
export const nameSaid = (e: Entities): string | undefined =>
  e.reference?.kind === 'name' ? e.reference.text : e.brand;
