import { nameSaid, whichOneText } from '../shared/named.js';
import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { productDetails } from './handler.js';
import { detailsText } from './reply.js';
import { pickupWhen } from '../shared/fulfilment-text.js';

/** One product in detail: description, options, stock, and where to pick it up. */
export const product: Flow<'product_details'> = {
  name: 'product',
  intents: {
    product_details: {
      examples: examples.product_details,
      patterns: PATTERNS.product_details,
      continues: true,
      needs_product: true,
      records_view: true,
      aside: true,
    },
  },
  route: { primary: 'recommendation', secondary: ['inventory'] },
  handle: productDetails,
  reply: (state, ctx) => {
    const r = state.results;
    if (r.recommendation?.kind === 'not_found')
      return (
        whichOneText(state.shown, nameSaid(state.entities), state.message) ??
        "I'm not sure which product you mean. Could you say its name, or pick a number from the list?"
      );
    if (r.recommendation?.kind !== 'details') return '';
    // A side question while another question is open: that one is asked again after it, not an add.
    const availability = r.inventory?.kind === 'availability' ? r.inventory.availability : undefined;
    const offer = !(state.aside && state.pending !== null);
    const parts = [detailsText(r.recommendation.product, ctx, offer, availability?.variant ?? null)];
    const store = availability?.nearby_stores.find((s) => s.pickup);
    if (store?.pickup)
      parts.push(
        `You can pick it up ${pickupWhen(store.pickup, ctx)} at ${store.name} (${store.distance_km} km away).`,
      );
    return parts.join('\n\n');
  },
};

declare module '../intent.js' {
  interface Intents {
    product_details: true;
  }
}
