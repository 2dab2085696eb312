import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { recommend } from './handler.js';
import { recommendationsText } from './reply.js';
import { notCarriedText } from './not-carried.js';

/** Browsing a category, searching for something, asking for picks: filters carry from turn to turn. */
export const shopping: Flow<'browse' | 'search' | 'recommend'> = {
  name: 'shopping',
  intents: {
    browse: {
      meaning: 'look around a category',
      examples: examples.browse,
      patterns: PATTERNS.browse,
      shopping: true,
    },
    search: {
      meaning: 'a specific product',
      examples: examples.search,
      patterns: PATTERNS.search,
      shopping: true,
    },
    recommend: { examples: examples.recommend, patterns: PATTERNS.recommend, shopping: true },
  },
  route: { primary: 'recommendation', secondary: ['inventory'] },
  refines: true,
  handle: recommend,
  reply: (state, ctx) => {
    const r = state.results;
    if (r.recommendation?.kind !== 'recommendations') return '';
    if (r.recommendation.not_carried)
      return notCarriedText(r.recommendation.not_carried, r.recommendation, ctx);
    const availability = r.inventory?.kind === 'availability' ? r.inventory.availability : undefined;
    return recommendationsText(r.recommendation, ctx, availability, state.slots.text);
  },
};

declare module '../intent.js' {
  interface Intents {
    browse: true;
    search: true;
    recommend: true;
  }
}
