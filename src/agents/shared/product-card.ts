import type { Product, SkuStock } from '../../domain/types.js';
import { shownPrice, variantPrice, type UnitPrice } from '../../domain/variant-price.js';

/** Units at or below which a product is shown as running low. */
export const LOW_STOCK = 5;

/** One variant's price and units: online (what an order from the chat can take) and everywhere. */
export interface VariantStock {
  color: string | null;
  size: string | null;
  /** What one unit of this variant costs (see `variantPrice`). */
  price: number;
  /** What it sold at before a sale; only while it is on one. */
  compare_at_price?: number;
  online: number;
  total: number;
}

/** Why an option the customer asked for is not chosen on a card. */
export type UnavailableReason = 'not_made' | 'sold_out' | 'not_online';

/**
 * The colour and size a card starts on: what the customer asked for, where a variant of it can be
 * ordered. An option asked for that can't is listed in `unavailable` (and left unchosen), so the card can
 * say so; its reason counts only the variants in the other option chosen, when one is.
 */
export interface CardChoice {
  color?: string;
  size?: string;
  unavailable: { option: 'color' | 'size'; value: string; reason: UnavailableReason }[];
}

/** What a UI needs to draw a product: catalogue facts plus live availability. */
export interface ProductCard {
  product_id: string;
  name: string;
  brand: string;
  category: string;
  /** The price the product is shown at: the lowest its variants sell at (see `shownPrice`). */
  price: number;
  /** What that price sold at before a sale; only while it is on one. */
  compare_at_price?: number;
  /** Its variants sell at different prices, so `price` is a "from" price. */
  price_varies: boolean;
  image_url: string;
  rating: number;
  is_featured: boolean;
  /** Colours and sizes with at least one unit anywhere. */
  colors: string[];
  sizes: string[];
  online_quantity: number;
  total_quantity: number;
  low_stock: boolean;
  /** Every variant with its price and units, so a card can tell which colour and size go together. */
  variant_stock: VariantStock[];
  /** Set when the customer asked for a colour or size this product comes in (see `chooseOnCard`). */
  preselect?: CardChoice;
  reason?: string;
}

export function toProductCard(product: Product, totals: readonly SkuStock[]): ProductCard {
  const bySku = new Map(totals.filter((t) => t.product_id === product.product_id).map((t) => [t.sku, t]));
  let online = 0;
  let total = 0;
  for (const t of bySku.values()) {
    online += t.online;
    total += t.total;
  }
  const stocked = product.variants.filter((v) => (bySku.get(v.sku)?.total ?? 0) > 0);
  const shown = shownPrice(product);
  return {
    product_id: product.product_id,
    name: product.name,
    brand: product.brand,
    category: product.category,
    ...withSale(shown),
    price_varies: shown.varies,
    image_url: product.image_url,
    rating: product.rating,
    is_featured: product.is_featured,
    colors: unique(stocked.map((v) => v.color)),
    sizes: unique(stocked.map((v) => v.size)),
    online_quantity: online,
    total_quantity: total,
    low_stock: total > 0 && total <= LOW_STOCK,
    variant_stock: product.variants.map((v) => ({
      color: v.color,
      size: v.size,
      ...withSale(variantPrice(product, v)),
      online: bySku.get(v.sku)?.online ?? 0,
      total: bySku.get(v.sku)?.total ?? 0,
    })),
  };
}

/** A price, with the price before a sale only when it is on one. */
const withSale = ({ price, compare_at_price }: UnitPrice): { price: number; compare_at_price?: number } =>
  compare_at_price === null ? { price } : { price, compare_at_price };

type Option = 'color' | 'size';
const OTHER: Record<Option, Option> = { color: 'size', size: 'color' };
/** The size first: it is the fit, the colour is taste, so a card that can't have both keeps the size. */
const FIRST: Option[] = ['size', 'color'];

/**
 * The colour and size a card should start on for what the customer asked (a browse filter, "the black
 * medium one"); undefined when they asked for nothing this product varies by. Never an option with no
 * unit online: that one is named in `unavailable` instead.
 */
export function chooseOnCard(
  card: Pick<ProductCard, 'variant_stock'>,
  asked: { color?: string | undefined; size?: string | undefined },
): CardChoice | undefined {
  const variants = card.variant_stock;
  // The card's own spelling of each option asked for that this product varies by at all.
  const wanted: Partial<Record<Option, string>> = {};
  for (const option of FIRST) {
    const value = asked[option]?.toLowerCase();
    if (value === undefined || !variants.some((v) => v[option] !== null)) continue;
    wanted[option] = variants.find((v) => v[option]?.toLowerCase() === value)?.[option] ?? asked[option]!;
  }
  const options = FIRST.filter((o) => wanted[o] !== undefined);
  if (options.length === 0) return undefined;

  const has = (v: VariantStock, option: Option, value: string | undefined) =>
    value === undefined || v[option]?.toLowerCase() === value.toLowerCase();
  const orderable = (choice: Partial<Record<Option, string>>) =>
    variants.some((v) => v.online > 0 && has(v, 'color', choice.color) && has(v, 'size', choice.size));

  // Both if they go together, else the first that can be ordered on its own.
  const kept: Option[] = orderable(wanted)
    ? options
    : options.filter((o) => orderable({ [o]: wanted[o] })).slice(0, 1);
  const choice: CardChoice = { unavailable: [] };
  for (const option of kept) choice[option] = wanted[option]!;
  for (const option of options.filter((o) => !kept.includes(o))) {
    const value = wanted[option]!;
    const other = OTHER[option];
    const pool = variants.filter((v) => has(v, other, choice[other]) && has(v, option, value));
    const reason: UnavailableReason =
      pool.length === 0 ? 'not_made' : pool.every((v) => v.total === 0) ? 'sold_out' : 'not_online';
    choice.unavailable.push({ option, value, reason });
  }
  return choice;
}

const unique = (values: (string | null)[]): string[] => [
  ...new Set(values.filter((v): v is string => v !== null)),
];
