import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { compareShown, rankShown } from './handler.js';
import { comparisonText, rankedText } from './reply.js';

/** Questions over the list just shown: the cheapest, the best rated, sorted, or two side by side. */
export const list: Flow<'compare' | 'sort'> = {
  name: 'list',
  intents: {
    compare: {
      meaning: 'compare shown products side by side',
      examples: examples.compare,
      patterns: PATTERNS.compare,
      shopping: true,
    },
    sort: {
      meaning: 'cheapest, most expensive, best rated or sorted, over the shown list',
      examples: examples.sort,
      patterns: PATTERNS.sort,
      shopping: true,
    },
  },
  route: { primary: 'recommendation', secondary: [] },
  handle: (turn) => (turn.state.intent === 'compare' ? compareShown(turn) : rankShown(turn)),
  cards: (state) => {
    const r = state.results.recommendation;
    return r?.kind === 'ranked' || r?.kind === 'comparison' ? { products: r.products } : {};
  },
  reply: (state, ctx) => {
    const r = state.results.recommendation;
    if (r?.kind === 'ranked') return rankedText(r.order, r.pick, r.products, ctx);
    if (r?.kind === 'comparison') return comparisonText(r.products, ctx);
    return 'Which products do you mean? Ask me to show you some first - for example "show me hoodies" - and then I can compare or sort them.';
  },
};

declare module '../intent.js' {
  interface Intents {
    compare: true;
    sort: true;
  }
}
