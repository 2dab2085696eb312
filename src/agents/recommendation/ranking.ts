import type { Customer, Product } from '../../domain/types.js';

/** Why a product was picked for this customer, strongest first. */
export interface Reason {
  /** Said next to the product: "because you bought the Northwind Headphones". */
  text: string;
  /** Reasons with the same key say the same of different products ("rated 4.7" and "rated 4.9"). */
  key: string;
  /** From the customer's own history or preferences, rather than the shop's figures. */
  personal: boolean;
  /** Said once for a whole list that shares it, after "I picked these because ..."; absent when it reads badly there. */
  once?: string;
}

export interface Scored {
  product: Product;
  score: number;
  reasons: Reason[];
}

interface Affinity {
  purchasedCategories: Map<string, string>;
  purchasedBrands: Map<string, string>;
  purchasedIds: Set<string>;
  browsedCategories: Set<string>;
  browsedBrands: Set<string>;
  preferredCategories: Set<string>;
  preferredBrands: Set<string>;
  budgetMax: number | undefined;
}

function affinityOf(customer: Customer | null): Affinity {
  const a: Affinity = {
    purchasedCategories: new Map(),
    purchasedBrands: new Map(),
    purchasedIds: new Set(),
    browsedCategories: new Set(),
    browsedBrands: new Set(),
    preferredCategories: new Set(customer?.preferences.categories ?? []),
    preferredBrands: new Set((customer?.preferences.brands ?? []).map((b) => b.toLowerCase())),
    budgetMax: customer?.preferences.budget_max,
  };
  for (const p of customer?.past_purchases ?? []) {
    a.purchasedIds.add(p.product_id);
    if (!a.purchasedCategories.has(p.category)) a.purchasedCategories.set(p.category, p.name);
    if (!a.purchasedBrands.has(p.brand.toLowerCase())) a.purchasedBrands.set(p.brand.toLowerCase(), p.name);
  }
  for (const v of customer?.browsing_history ?? []) {
    a.browsedCategories.add(v.category);
    a.browsedBrands.add(v.brand.toLowerCase());
  }
  return a;
}

/**
 * Orders candidates for one customer. `relevance` keeps the search engine's order meaningful (earlier is
 * more relevant) while purchases, browsing and stated preferences move products up, each with the reason
 * a customer would be told. Products already bought drop to the end: people rarely buy the same laptop twice.
 */
export function rankForCustomer(
  candidates: readonly Product[],
  customer: Customer | null,
  textSearch: boolean,
): Scored[] {
  const a = affinityOf(customer);
  const maxPopularity = Math.max(1, ...candidates.map((p) => p.popularity));
  const scored = candidates.map((product, index): Scored => {
    const brand = product.brand.toLowerCase();
    const reasons: [number, Reason][] = [];
    const personal = (weight: number, text: string, once?: string) =>
      reasons.push([weight, { text, key: text, personal: true, ...(once ? { once } : {}) }]);
    const shop = (weight: number, text: string, key = text) =>
      reasons.push([weight, { text, key, personal: false }]);
    let score = textSearch ? 3 * (1 - index / candidates.length) : 0;
    const boughtInCategory = a.purchasedCategories.get(product.category);
    const boughtBrand = a.purchasedBrands.get(brand);
    const bought = boughtBrand ?? boughtInCategory;
    if (bought)
      personal(boughtBrand ? 2.5 : 2, `because you bought the ${bought}`, `you bought the ${bought}`);
    if (a.preferredBrands.has(brand)) personal(1.5, `you like ${product.brand}`, `you like ${product.brand}`);
    if (a.preferredCategories.has(product.category)) personal(1.2, 'one of your favourite categories');
    if (a.browsedCategories.has(product.category) || a.browsedBrands.has(brand)) {
      personal(1, 'similar to what you looked at recently');
    }
    if (a.budgetMax !== undefined && product.price > a.budgetMax) score -= 1.5;
    if (product.is_featured) shop(0.6, 'a featured pick');
    const popularity = Math.log1p(product.popularity) / Math.log1p(maxPopularity);
    if (popularity > 0.8) shop(popularity, 'one of our best sellers');
    else score += popularity;
    if (product.rating >= 4.6) shop(0.4, `rated ${product.rating.toFixed(1)} out of 5`, 'rated');
    else score += (product.rating - 3) * 0.2;
    if (a.purchasedIds.has(product.product_id)) score -= 10;
    reasons.sort((x, y) => y[0] - x[0]);
    score += reasons.reduce((sum, [weight]) => sum + weight, 0);
    return { product, score, reasons: reasons.map(([, reason]) => reason) };
  });
  return diversify(scored);
}

/** Each further product of a brand already picked counts a little less, so one brand can't fill the list. */
const BRAND_REPEAT_PENALTY = 1.2;

function diversify(scored: Scored[]): Scored[] {
  const pool = [...scored];
  const picked: Scored[] = [];
  const perBrand = new Map<string, number>();
  while (pool.length > 0) {
    let best = 0;
    let bestScore = -Infinity;
    pool.forEach((s, i) => {
      const adjusted = s.score - BRAND_REPEAT_PENALTY * (perBrand.get(s.product.brand) ?? 0);
      if (adjusted > bestScore) {
        best = i;
        bestScore = adjusted;
      }
    });
    const [next] = pool.splice(best, 1);
    if (!next) break;
    picked.push(next);
    perBrand.set(next.product.brand, (perBrand.get(next.product.brand) ?? 0) + 1);
  }
  return picked;
}
