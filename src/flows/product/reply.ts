import type { ReplyContext } from '../flow.js';
import type { ProductDetails } from '../../agents/recommendation/recommendation-agent.js';
import { vary } from '../../replies/phrasing.js';

/** ", across its colours and sizes" when the count covers several variants. */
const spread = (p: ProductDetails): string => {
  const kinds = [p.colors.length > 1 ? 'colours' : '', p.sizes.length > 1 ? 'sizes' : ''].filter(Boolean);
  return kinds.length ? `, across its ${kinds.join(' and ')}` : '';
};

/** A product's details; `offer` ends them with an offer to add it, when no other question is open. */
export function detailsText(p: ProductDetails, ctx: ReplyContext, offer = true): string {
  const attrs = Object.entries(p.attributes)
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${typeof v === 'boolean' ? (v ? 'yes' : 'no') : v}`)
    .join(', ');
  const options = [
    p.colors.length ? `colours: ${p.colors.join(', ')}` : '',
    p.sizes.length ? `sizes: ${p.sizes.join(', ')}` : '',
  ].filter(Boolean);
  const stock =
    p.total_quantity === 0
      ? 'It is sold out at the moment.'
      : p.low_stock
        ? `Only ${p.total_quantity} left in stock.`
        : `In stock (${p.online_quantity} available online${spread(p)}).`;
  return [
    `${p.name} by ${p.brand} - ${ctx.money(p.price)}, rated ${p.rating.toFixed(1)}/5.`,
    p.description,
    attrs ? `Details: ${attrs}.` : '',
    options.length ? `Available in ${options.join('; ')}.` : '',
    stock,
    offer
      ? vary(ctx.seed, ['Would you like me to add it to your cart?', 'Shall I put one in your cart?'])
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}
