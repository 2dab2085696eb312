import type { ReplyContext } from '../flow.js';
import type { ProductDetails } from '../../agents/recommendation/recommendation-agent.js';
import type { ListOrder } from '../shared/recommendation-result.js';
import { list } from '../../replies/phrasing.js';
import { shownPriceText } from '../shared/price-text.js';

const ORDER_NAMES: Record<ListOrder, { pick: string; sorted: string }> = {
  price_asc: { pick: 'The cheapest of those', sorted: 'Sorted by price, lowest first' },
  price_desc: { pick: 'The most expensive of those', sorted: 'Sorted by price, highest first' },
  rating: { pick: 'The best rated of those', sorted: 'Sorted by rating, best first' },
};

const line =
  (ctx: ReplyContext) =>
  (p: ProductDetails, i: number): string =>
    `${i + 1}. ${p.name} - ${shownPriceText(p, ctx)}, rated ${p.rating.toFixed(1)}/5`;

export function rankedText(
  order: ListOrder,
  pick: boolean,
  products: ProductDetails[],
  ctx: ReplyContext,
): string {
  const top = products[0]!;
  if (pick) {
    return `${ORDER_NAMES[order].pick} is the ${top.name} ${top.price_varies ? '' : 'at '}${shownPriceText(top, ctx)}, rated ${top.rating.toFixed(1)}/5. Would you like details, or shall I add it to your cart?`;
  }
  // The cards come in the new order; the text says where it starts and ends.
  const last = products.at(-1)!;
  if (ctx.cards && products.length > 1) {
    const figure = (p: ProductDetails) =>
      order === 'rating' ? `rated ${p.rating.toFixed(1)}/5` : shownPriceText(p, ctx);
    return `${ORDER_NAMES[order].sorted}: from the ${top.name} (${figure(top)}) to the ${last.name} (${figure(last)}).`;
  }
  return `${ORDER_NAMES[order].sorted}:\n${products.map(line(ctx)).join('\n')}`;
}

const options = (values: string[]): string => (values.length ? values.join(', ') : '-');

/** Two or more products side by side, every figure from the catalogue. */
export function comparisonText(products: ProductDetails[], ctx: ReplyContext): string {
  const row = (label: string, value: (p: ProductDetails) => string) =>
    `- ${label}: ${products.map(value).join(' | ')}`;
  const shared = Object.keys(products[0]!.attributes).filter((key) =>
    products.every((p) => key in p.attributes),
  );
  const rows = [
    `Comparing ${list(products.map((p) => `the ${p.name}`))}:`,
    row('Price', (p) => shownPriceText(p, ctx)),
    row('Rating', (p) => `${p.rating.toFixed(1)}/5`),
    row('Brand', (p) => p.brand),
    // Options none of them has say nothing.
    products.some((p) => p.colors.length) ? row('Colours', (p) => options(p.colors)) : '',
    products.some((p) => p.sizes.length) ? row('Sizes', (p) => options(p.sizes)) : '',
    row('In stock online', (p) => String(p.online_quantity)),
    ...shared.map((key) => row(key.replace(/_/g, ' '), (p) => String(p.attributes[key]))),
  ];
  const [a, b] = products as [ProductDetails, ProductDetails];
  if (a.price !== b.price) {
    const [cheap, dear] = a.price < b.price ? [a, b] : [b, a];
    rows.push(`The ${cheap.name} is ${ctx.money(dear.price - cheap.price)} cheaper.`);
  }
  return rows.filter(Boolean).join('\n');
}
