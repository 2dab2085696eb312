/** Picks one of several phrasings; `seed` varies it from turn to turn without randomness in tests. */
export const vary = (seed: number, options: readonly string[]): string =>
  options[Math.abs(seed) % options.length] ?? '';

/** "5%", "8.75%", "8.875%": a rate as the shop wrote it (to a millionth), never rounded to a whole percent. */
export const percent = (rate: number): string => `${Number((rate * 100).toFixed(4))}%`;
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "a, b and c" */
export function list(items: readonly string[], joiner: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items.at(-1)}`;
}

export const titleCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const points = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'point' : 'points'}`;
