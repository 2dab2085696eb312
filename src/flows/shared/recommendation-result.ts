import type { ProductDetails, Recommendations } from '../../agents/recommendation/recommendation-agent.js';
import type { NotCarried } from '../../domain/product-types/catalogue-types.js';

/** How the shown list is put in order: by price either way, or best rated first. */
export type ListOrder = 'price_asc' | 'price_desc' | 'rating';

export type RecommendationResult =
  /**
   * Products found; with `not_carried`, the kind asked for is one the shop doesn't carry and the
   * products (if any) are from the nearest category, offered instead.
   */
  | ({ kind: 'recommendations'; not_carried?: NotCarried } & Recommendations)
  | { kind: 'details'; product: ProductDetails }
  | { kind: 'not_found'; query: string | null }
  /** The shown list in a new order; `pick` when the customer asked for the top one only. */
  | { kind: 'ranked'; order: ListOrder; pick: boolean; products: ProductDetails[] }
  | { kind: 'comparison'; products: ProductDetails[] }
  /** A question about "these" with nothing shown yet. */
  | { kind: 'nothing_shown' };
