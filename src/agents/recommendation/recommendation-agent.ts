import type { Customer, Product, ProductVariant } from '../../domain/types.js';
import { CATEGORY_SYNONYMS } from '../../domain/catalogue.js';
import {
  createCatalogueTypes,
  type CatalogueTypes,
  type TypeVerdict,
} from '../../domain/product-types/catalogue-types.js';
import { typeIn } from '../../domain/product-types/taxonomy.js';
import type { InventoryStore, ProductQuery, ProductStore } from '../../storage/ports.js';
import { toProductCard, type ProductCard } from '../shared/product-card.js';
import { rankForCustomer } from './ranking.js';
import { reasonsFor } from './reasons.js';

export interface RecommendationFilters {
  categories?: string[];
  brand?: string;
  color?: string;
  size?: string;
  min_price?: number;
  max_price?: number;
  text?: string;
}

export type RelaxedFilter = 'color' | 'size' | 'brand' | 'price' | 'text';

export interface Recommendations {
  products: ProductCard[];
  filters: RecommendationFilters;
  /** Filters dropped, in order, because nothing in stock matched them all. */
  relaxed: RelaxedFilter[];
  /** True when no filter was given and the shop's featured and popular products were shown. */
  fallback: boolean;
  /**
   * Why every product listed was picked, when they all share one reason of the customer's own: said once,
   * after "I picked these because" ("you bought the Northwind Headphones"). Each product's `reason` is
   * only what sets it apart from the others on the list.
   */
  shared_reason?: string;
}

export interface ProductDetails extends ProductCard {
  description: string;
  attributes: Product['attributes'];
  tags: string[];
  /** Each variant as the catalogue holds it (its own price, when it has one) with its units everywhere. */
  variants: (ProductVariant & { quantity: number })[];
}

export interface RecommendationAgent {
  recommend(input: {
    customer: Customer | null;
    filters: RecommendationFilters;
    limit?: number;
    exclude_ids?: string[];
  }): Promise<Recommendations>;
  details(productId: string): Promise<ProductDetails | null>;
  /**
   * Whether the catalogue carries the kind of product search words name ("leather sofas"), and the
   * categories nearest to it when not; null when the words name no kind of product.
   */
  productType(text: string): Promise<TypeVerdict | null>;
}

const RELAX_ORDER: RelaxedFilter[] = ['size', 'color', 'brand', 'price', 'text'];
/** Candidates ranked per customer; wide enough for personalisation to matter, small enough to stay fast. */
const CANDIDATES = 40;

function drop(filters: RecommendationFilters, what: RelaxedFilter): RecommendationFilters {
  const next = { ...filters };
  if (what === 'price') {
    delete next.min_price;
    delete next.max_price;
  } else delete next[what];
  return next;
}

const has = (f: RecommendationFilters, what: RelaxedFilter): boolean =>
  what === 'price' ? f.min_price !== undefined || f.max_price !== undefined : f[what] !== undefined;

export function createRecommendationAgent(deps: {
  products: ProductStore;
  inventory: InventoryStore;
  settings: { max_recommendations: number };
}): RecommendationAgent {
  async function candidates(filters: RecommendationFilters, exclude: string[]): Promise<Product[]> {
    const base: ProductQuery = {
      text: filters.text,
      brand: filters.brand,
      color: filters.color,
      size: filters.size,
      min_price: filters.min_price,
      max_price: filters.max_price,
      in_stock_only: true,
      exclude_ids: exclude,
      limit: CANDIDATES,
      with_variants: false,
    };
    const categories = filters.categories ?? [];
    if (categories.length <= 1) return deps.products.search({ ...base, category: categories[0] });
    const perCategory = await Promise.all(
      categories.map((category) => deps.products.search({ ...base, category })),
    );
    return perCategory.flat();
  }

  // Rebuilt when the catalogue's categories or their counts change (an import).
  let types: { key: string; index: CatalogueTypes } | null = null;
  async function catalogueTypes(): Promise<CatalogueTypes> {
    const categories = await deps.products.categories();
    const key = JSON.stringify(categories);
    if (types?.key === key) return types.index;
    const products = await Promise.all(
      categories.map((c) =>
        deps.products.search({ category: c.category, limit: c.count, with_variants: false }),
      ),
    );
    const index = createCatalogueTypes(
      categories.map((c, i) => ({
        category: c.category,
        synonyms: Object.hasOwn(CATEGORY_SYNONYMS, c.category) ? CATEGORY_SYNONYMS[c.category]! : [],
        names: products[i]!.map((p) => p.name),
      })),
    );
    types = { key, index };
    return index;
  }

  return {
    async productType(text) {
      return typeIn(text) ? (await catalogueTypes()).judge(text) : null;
    },

    async recommend({ customer, filters, limit, exclude_ids = [] }) {
      const wanted = Math.min(limit ?? deps.settings.max_recommendations, deps.settings.max_recommendations);
      let current = filters;
      const relaxed: RelaxedFilter[] = [];
      let found = await candidates(current, exclude_ids);
      for (const what of RELAX_ORDER) {
        if (found.length > 0) break;
        if (!has(current, what)) continue;
        current = drop(current, what);
        relaxed.push(what);
        found = await candidates(current, exclude_ids);
      }
      const ranked = rankForCustomer(found, customer, Boolean(current.text)).slice(0, wanted);
      const ids = ranked.map((r) => r.product.product_id);
      const [full, totals] = await Promise.all([deps.products.getMany(ids), deps.inventory.skuTotals(ids)]);
      const byId = new Map(full.map((p) => [p.product_id, p]));
      const fallback = Object.values(filters).every(
        (v) => v === undefined || (Array.isArray(v) && v.length === 0),
      );
      const cards = ranked.map((r) => toProductCard(byId.get(r.product.product_id) ?? r.product, totals));
      const why = reasonsFor(cards.map((card, i) => ({ ...card, reasons: ranked[i]!.reasons })));
      return {
        products: cards.map((card, i) => {
          const reason = why.reasons[i];
          return reason ? { ...card, reason } : card;
        }),
        filters: current,
        relaxed,
        fallback,
        ...(why.shared ? { shared_reason: why.shared } : {}),
      };
    },

    async details(productId) {
      const product = await deps.products.get(productId);
      if (!product || product.status !== 'active') return null;
      const totals = await deps.inventory.skuTotals([productId]);
      const perSku = new Map(totals.map((t) => [t.sku, t.total]));
      return {
        ...toProductCard(product, totals),
        description: product.description,
        attributes: product.attributes,
        tags: product.tags,
        variants: product.variants.map((v) => ({ ...v, quantity: perSku.get(v.sku) ?? 0 })),
      };
    },
  };
}
