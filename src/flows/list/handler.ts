import { nameSaid, namedAmong } from '../shared/named.js';
import type { ProductDetails } from '../../agents/recommendation/recommendation-agent.js';
import type { ListOrder } from '../shared/recommendation-result.js';
import type { Handler, Turn } from '../flow.js';
import { shownOf } from '../shopping/handler.js';

const ORDERS: [ListOrder, RegExp][] = [
  ['rating', /\b(rat(ed|ing|ings)|reviews?|reviewed|popular|stars?)\b/i],
  [
    'price_desc',
    /\b(most expensive|priciest|dearest|high(est)? to low|highest price|premium|expensive first)\b/i,
  ],
  ['price_asc', /./],
];

/** Which order the customer asked for; price, lowest first, unless they said otherwise. */
export const orderAsked = (message: string): ListOrder => ORDERS.find(([, words]) => words.test(message))![0];

/** "Sort by price" reorders the whole list; "which is the cheapest?" asks for one. */
const wantsWholeList = (message: string): boolean =>
  /\b(sort|order|rank|list|arrange)\b|\bfirst\b.*$/i.test(message) && !/\bwhich\b/i.test(message);

const POSITIONS: Record<string, number> = { first: 0, second: 1, third: 2, fourth: 3, fifth: 4, last: -1 };

/** Positions named in the message ("the first and third", "2 and 3", "#1 vs #4"), in order. */
export function positionsIn(message: string, shown: number): number[] {
  const found: number[] = [];
  for (const m of message
    .toLowerCase()
    .matchAll(/\b(first|second|third|fourth|fifth|last)\b|#?\b([1-9])(?:st|nd|rd|th)?\b/g)) {
    const index = m[1] ? POSITIONS[m[1]]! : Number(m[2]) - 1;
    const position = index < 0 ? shown - 1 : index;
    if (position < shown && !found.includes(position)) found.push(position);
  }
  return found;
}

async function detailsOfShown({ state, agents }: Turn): Promise<ProductDetails[]> {
  const found = await Promise.all(state.shown.map((p) => agents.recommendation.details(p.product_id)));
  return found.filter((p): p is ProductDetails => p !== null);
}

const compareBy: Record<ListOrder, (a: ProductDetails, b: ProductDetails) => number> = {
  price_asc: (a, b) => a.price - b.price,
  price_desc: (a, b) => b.price - a.price,
  rating: (a, b) => b.rating - a.rating,
};

/** Cheapest, most expensive, best rated or the whole list sorted - over what was just shown, from data. */
export const rankShown: Handler = async (turn) => {
  const products = await detailsOfShown(turn);
  if (products.length === 0) return { results: { recommendation: { kind: 'nothing_shown' } } };
  const order = orderAsked(turn.state.message);
  const sorted = [...products].sort(compareBy[order]);
  const pick = !wantsWholeList(turn.state.message);
  return {
    results: { recommendation: { kind: 'ranked', order, pick, products: sorted } },
    update: pick ? { focus: sorted[0]!.product_id } : { shown: shownOf(sorted), focus: null },
  };
};

/** The products named by position (the first two by default), side by side. */
export const compareShown: Handler = async (turn) => {
  const { state } = turn;
  if (state.shown.length < 2) return { results: { recommendation: { kind: 'nothing_shown' } } };
  const positions = positionsIn(state.message, state.shown.length);
  // "The Velo ones": the products on screen that name fits, when it fits several.
  if (positions.length === 0) {
    const named = nameSaid(state.entities);
    const fits = named ? namedAmong(state.shown, named, state.message) : [];
    if (fits.length >= 2) positions.push(...fits.slice(0, 3).map((p) => state.shown.indexOf(p)));
  }
  for (let i = 0; positions.length < 2; i += 1) if (!positions.includes(i)) positions.push(i);
  const found = await Promise.all(
    positions.map((i) => turn.agents.recommendation.details(state.shown[i]!.product_id)),
  );
  const products = found.filter((p): p is ProductDetails => p !== null);
  if (products.length < 2) return { results: { recommendation: { kind: 'nothing_shown' } } };
  // The two compared are the ones discussed: "the pullover one" next means one of them.
  return {
    results: { recommendation: { kind: 'comparison', products } },
    update: { focus: products[1]!.product_id, previous_focus: products[0]!.product_id },
  };
};
