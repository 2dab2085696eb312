import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { productDetails } from './handler.js';
import { detailsText } from './reply.js';

/** One product in detail: description, options, stock, and where to pick it up. */
export const product: Flow<'product_details'> = {
  name: 'product',
  intents: {
    product_details: {
      examples: examples.product_details,
      continues: true,
      needs_product: true,
      records_view: true,
    },
  },
  route: { primary: 'recommendation', secondary: ['inventory'] },
  handle: productDetails,
  reply: (state) => {
    const r = state.results;
    if (r.recommendation?.kind === 'not_found')
      return "I'm not sure which product you mean. Could you say its name, or pick a number from the list?";
    if (r.recommendation?.kind !== 'details') return '';
    const parts = [detailsText(r.recommendation.product, state.turn)];
    const store =
      r.inventory?.kind === 'availability' ? r.inventory.availability.nearby_stores[0] : undefined;
    if (store) parts.push(`You can pick it up today at ${store.name} (${store.distance_km} km away).`);
    return parts.join('\n\n');
  },
};
