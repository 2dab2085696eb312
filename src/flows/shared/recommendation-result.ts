import type { ProductDetails, Recommendations } from '../../agents/recommendation/recommendation-agent.js';

/** How the shown list is put in order: by price either way, or best rated first. */
export type ListOrder = 'price_asc' | 'price_desc' | 'rating';

export type RecommendationResult =
  | ({ kind: 'recommendations' } & Recommendations)
  | { kind: 'details'; product: ProductDetails }
  | { kind: 'not_found'; query: string | null }
  /** The shown list in a new order; `pick` when the customer asked for the top one only. */
  | { kind: 'ranked'; order: ListOrder; pick: boolean; products: ProductDetails[] }
  | { kind: 'comparison'; products: ProductDetails[] }
  /** A question about "these" with nothing shown yet. */
  | { kind: 'nothing_shown' };
