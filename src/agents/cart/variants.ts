import type { Product, ProductVariant } from '../../domain/types.js';

export type VariantChoice =
  | { kind: 'chosen'; variant: ProductVariant }
  | { kind: 'missing'; missing: ('color' | 'size')[]; colors: string[]; sizes: string[] }
  | { kind: 'no_match'; colors: string[]; sizes: string[] };

const eq = (a: string | null, b: string): boolean => (a ?? '').toLowerCase() === b.toLowerCase();
const values = (variants: ProductVariant[], key: 'color' | 'size'): string[] => [
  ...new Set(variants.map((v) => v[key]).filter((v): v is string => v !== null)),
];

/**
 * Picks the variant a customer means. Asks for colour or size only when the product really varies by it
 * among the variants that are in stock, so a one-colour hoodie never prompts "which colour?".
 */
export function chooseVariant(
  product: Product,
  wanted: { color?: string; size?: string },
  inStock: (sku: string) => boolean,
): VariantChoice {
  const stocked = product.variants.filter((v) => inStock(v.sku));
  const pool = stocked.length > 0 ? stocked : product.variants;
  const matches = pool.filter(
    (v) =>
      (wanted.color === undefined || eq(v.color, wanted.color)) &&
      (wanted.size === undefined || eq(v.size, wanted.size)),
  );
  if (matches.length === 0) {
    // Grey in L sold out, grey and L both stocked: what grey comes in, not every colour and size apart.
    const inColor = pool.filter((v) => wanted.color !== undefined && eq(v.color, wanted.color));
    const inSize = pool.filter((v) => wanted.size !== undefined && eq(v.size, wanted.size));
    const near = inColor.length > 0 ? inColor : inSize.length > 0 ? inSize : pool;
    return { kind: 'no_match', colors: values(near, 'color'), sizes: values(near, 'size') };
  }
  if (matches.length === 1 && matches[0]) return { kind: 'chosen', variant: matches[0] };
  const missing: ('color' | 'size')[] = [];
  if (values(matches, 'color').length > 1) missing.push('color');
  if (values(matches, 'size').length > 1) missing.push('size');
  if (missing.length === 0 && matches[0]) return { kind: 'chosen', variant: matches[0] };
  return { kind: 'missing', missing, colors: values(matches, 'color'), sizes: values(matches, 'size') };
}
