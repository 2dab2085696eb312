import type { ProductCard } from '../../agents/shared/product-card.js';
import type { ReplyContext } from '../flow.js';

/** "$59", "$64.50 (was $79.99)" on sale: a price as a reply says it, the earlier one only from data. */
export const unitPriceText = (p: { price: number; compare_at_price?: number }, ctx: ReplyContext): string =>
  p.compare_at_price === undefined
    ? ctx.money(p.price)
    : `${ctx.money(p.price)} (was ${ctx.money(p.compare_at_price)})`;

/** A product's price as a reply says it: "from $49" when its variants sell at different prices. */
export const shownPriceText = (
  p: Pick<ProductCard, 'price' | 'compare_at_price' | 'price_varies'>,
  ctx: ReplyContext,
): string => `${p.price_varies ? 'from ' : ''}${unitPriceText(p, ctx)}`;
