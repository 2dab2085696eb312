import type { ReplyContext } from '../flow.js';
import type { ProductDetails } from '../../agents/recommendation/recommendation-agent.js';
import { vary } from '../../replies/phrasing.js';
import { variantLabel } from '../shared/cart-text.js';
import { shownPriceText, unitPriceText } from '../shared/price-text.js';

/** ", across its colours and sizes" when the count covers several variants. */
const spread = (p: ProductDetails): string => {
  const kinds = [p.colors.length > 1 ? 'colours' : '', p.sizes.length > 1 ? 'sizes' : ''].filter(Boolean);
  return kinds.length ? `, across its ${kinds.join(' and ')}` : '';
};

/** The one variant a question picked out by colour and size. */
type Asked = { color: string | null; size: string | null };

/**
 * The price of the colour and size asked about, when it is not the one the product is shown at ("The Zip
 * Lite Hoodie in black, size M is $59."); empty otherwise.
 */
function askedPrice(p: ProductDetails, asked: Asked | null, ctx: ReplyContext): string {
  const v = asked && p.variant_stock.find((x) => x.color === asked.color && x.size === asked.size);
  if (!v || (!p.price_varies && v.compare_at_price === p.compare_at_price)) return '';
  return `The ${p.name} in ${variantLabel(v)} is ${unitPriceText(v, ctx)}.`;
}

/**
 * A product's details; `offer` ends them with an offer to add it, when no other question is open. `asked`
 * is the one variant the question picked out (a colour and size), whose own price is said when it differs.
 */
export function detailsText(
  p: ProductDetails,
  ctx: ReplyContext,
  offer = true,
  asked: Asked | null = null,
): string {
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
    `${p.name} by ${p.brand} - ${shownPriceText(p, ctx)}, rated ${p.rating.toFixed(1)}/5.`,
    askedPrice(p, asked, ctx),
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
