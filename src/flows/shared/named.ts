import { list } from '../../replies/phrasing.js';
import type { Entities } from '../../nlu/port.js';
import type { ShownProduct } from '../conversation.js';

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 || /\d/.test(w));

/**
 * The shown products a name the customer said fits best: those sharing the most of its words with their
 * brand, name and category. One when the name tells them apart; several when it doesn't ("the Velo one"
 * with two Velo hoodies on screen); none when no product shares a word.
 */
export function namedAmong(shown: readonly ShownProduct[], text: string, message = text): ShownProduct[] {
  // A name said in full is that product, even when another's name contains it ("X" and "X Gen 4"): the
  // longest name the message holds whole.
  const said = ` ${words(message).join(' ')} `;
  const whole = shown
    .filter((p) => said.includes(` ${words(p.name).join(' ')} `))
    .sort((a, b) => words(b.name).length - words(a.name).length);
  if (whole.length > 0 && (whole.length === 1 || words(whole[0]!.name).length > words(whole[1]!.name).length))
    return [whole[0]!];
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
export function whichOneText(
  shown: readonly ShownProduct[],
  text: string | undefined,
  message?: string,
): string | null {
  const fits = text ? namedAmong(shown, text, message) : [];
  if (fits.length < 2) return null;
  return `Which one do you mean: ${list(
    fits.slice(0, 4).map((p) => `the ${p.name}`),
    'or',
  )}?`;
}

/** The name the customer gave a product, or its brand alone ("the Velo one"). */
export const nameSaid = (e: Entities): string | undefined =>
  e.reference?.kind === 'name' ? e.reference.text : e.brand;

/** A name's words, singular: "hoodies" fits a hoodie. */
const nameWords = (text: string): string[] => words(text).map((w) => w.replace(/(?<=\p{L}{2})s$/u, ''));

/** Whether every word of a name the customer said is in the product's brand, name or category. */
export function nameFits(named: string, product: { brand: string; name: string; category: string }): boolean {
  const own = new Set(nameWords(`${product.brand} ${product.name} ${product.category}`));
  return nameWords(named).every((w) => own.has(w));
}

/**
 * The product whose whole name the message says, the longest such name when several fit ("... Tablet
 * Gen 2" over "... Tablet"); undefined when none is said in full.
 */
export function saidInFull<T extends { name: string }>(
  products: readonly T[],
  message: string,
): T | undefined {
  const text = message.toLowerCase();
  return products
    .filter((p) => text.includes(p.name.toLowerCase()))
    .sort((a, b) => b.name.length - a.name.length)[0];
}
