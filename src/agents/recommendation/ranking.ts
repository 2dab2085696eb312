import type { Customer, Product } from '../../domain/types.js';

export interface Scored {
  product: Product;
  score: number;
  reason: string;
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
    const reasons: [number, string][] = [];
    let score = textSearch ? 3 * (1 - index / candidates.length) : 0;
    const boughtInCategory = a.purchasedCategories.get(product.category);
    const boughtBrand = a.purchasedBrands.get(brand);
    if (boughtBrand) reasons.push([2.5, `because you bought the ${boughtBrand}`]);
    else if (boughtInCategory) reasons.push([2, `because you bought the ${boughtInCategory}`]);
    if (a.preferredBrands.has(brand)) reasons.push([1.5, `you like ${product.brand}`]);
    if (a.preferredCategories.has(product.category)) reasons.push([1.2, `one of your favourite categories`]);
    if (a.browsedCategories.has(product.category) || a.browsedBrands.has(brand)) {
      reasons.push([1, 'similar to what you looked at recently']);
    }
    if (a.budgetMax !== undefined && product.price > a.budgetMax) score -= 1.5;
    if (product.is_featured) reasons.push([0.6, 'a featured pick']);
    const popularity = Math.log1p(product.popularity) / Math.log1p(maxPopularity);
    if (popularity > 0.8) reasons.push([popularity, 'one of our best sellers']);
    else score += popularity;
    if (product.rating >= 4.6) reasons.push([0.4, `rated ${product.rating.toFixed(1)} out of 5`]);
    else score += (product.rating - 3) * 0.2;
    if (a.purchasedIds.has(product.product_id)) score -= 10;
    reasons.sort((x, y) => y[0] - x[0]);
    score += reasons.reduce((sum, [weight]) => sum + weight, 0);
    return { product, score, reason: reasons[0]?.[1] ?? 'a good match for what you asked' };
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
