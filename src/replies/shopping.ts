import type { Availability } from '../agents/inventory/inventory-agent.js';
import type { ProductDetails, Recommendations } from '../agents/recommendation/recommendation-agent.js';
import type { ProductCard } from '../agents/shared/product-card.js';
import { list, money, titleCase, vary } from './phrasing.js';

const describeFilters = (r: Recommendations): string => {
  const f = r.filters;
  const parts: string[] = [];
  if (f.color) parts.push(f.color);
  if (f.size) parts.push(`size ${f.size}`);
  if (f.brand) parts.push(f.brand);
  if (f.categories?.length) parts.push(list(f.categories.map((c) => c.replace('-', ' & '))));
  else parts.push('picks');
  if (f.min_price !== undefined && f.max_price !== undefined)
    parts.push(`between ${money(f.min_price)} and ${money(f.max_price)}`);
  else if (f.max_price !== undefined) parts.push(`under ${money(f.max_price)}`);
  else if (f.min_price !== undefined) parts.push(`over ${money(f.min_price)}`);
  return parts.join(' ');
};

const line = (p: ProductCard, i: number): string => {
  const stock = p.low_stock ? ` (only ${p.total_quantity} left)` : '';
  const reason = p.reason ? ` - ${p.reason}` : '';
  return `${i + 1}. ${p.name} - ${money(p.price)}${stock}${reason}`;
};

export function recommendationsText(r: Recommendations, seed: number, availability?: Availability): string {
  if (r.products.length === 0) {
    return vary(seed, [
      "I couldn't find anything in stock that matches. Could you tell me a bit more, or try a different category?",
      'Nothing in stock matches that right now. Want me to look at a different price range or category?',
    ]);
  }
  const relaxed = r.relaxed.length
    ? `I couldn't find an exact match, so I widened the search (without the ${list(r.relaxed)} filter). `
    : '';
  const intro = r.fallback
    ? vary(seed, [
        'Here are some of our most popular picks right now:',
        'Here are a few favourites to get you started:',
      ])
    : vary(seed, [
        `Here are ${describeFilters(r)} I think you'll like:`,
        `I found these ${describeFilters(r)} for you:`,
        `Take a look at these ${describeFilters(r)}:`,
      ]);
  const pickup = availability?.fulfilment.find((o) => o.type === 'pickup');
  const pickupNote =
    pickup?.type === 'pickup' && pickup.available && pickup.store_name
      ? `\nThe first one is ready for pickup today at ${pickup.store_name} (${pickup.distance_km} km away).`
      : '';
  const outro = vary(seed + 1, [
    'Say "add the first one" to put one in your cart, or ask me about any of them.',
    'Want details on one of these, or shall I add one to your cart?',
    'Tell me which one catches your eye and I can check sizes, colours or stock.',
  ]);
  return `${relaxed}${intro}\n${r.products.map(line).join('\n')}${pickupNote}\n${outro}`;
}

export function detailsText(p: ProductDetails, seed: number): string {
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
        : `In stock (${p.online_quantity} available online).`;
  return [
    `${p.name} by ${p.brand} - ${money(p.price)}, rated ${p.rating.toFixed(1)}/5.`,
    p.description,
    attrs ? `Details: ${attrs}.` : '',
    options.length ? `Available in ${options.join('; ')}.` : '',
    stock,
    vary(seed, ['Would you like me to add it to your cart?', 'Shall I put one in your cart?']),
  ]
    .filter(Boolean)
    .join('\n');
}

export function availabilityText(a: Availability, seed: number): string {
  const variant = a.variant
    ? [a.variant.color, a.variant.size && `size ${a.variant.size}`].filter(Boolean).join(', ')
    : '';
  const what = variant ? `${a.name} (${variant})` : a.name;
  const lines: string[] = [];
  const ship = a.fulfilment.find((o) => o.type === 'ship');
  if (!a.in_stock) {
    lines.push(
      a.located
        ? `Sorry, ${what} is out of stock online and at stores within ${a.radius_km} km.`
        : `Sorry, ${what} is out of stock online right now.`,
    );
  } else {
    lines.push(
      vary(seed, [`Good news: ${what} is in stock.`, `Yes, ${what} is available.`]) +
        (a.online_quantity > 0
          ? ` ${a.online_quantity} available online.`
          : ' It is not available online, but stores have it.'),
    );
  }
  if (ship?.type === 'ship' && ship.available)
    lines.push(`Shipping: ${ship.eta_days_min}-${ship.eta_days_max} business days.`);
  for (const s of a.nearby_stores.slice(0, 3)) {
    lines.push(`Pickup today at ${s.name}, ${s.city} (${s.distance_km} km, ${s.quantity} in stock).`);
  }
  const sameDay = a.fulfilment.find((o) => o.type === 'same_day');
  if (sameDay?.type === 'same_day' && sameDay.available)
    lines.push(`Same-day delivery is available from ${sameDay.store_name}.`);
  if (!a.located) lines.push('Tell me your city and I can check stores near you.');
  return lines.join('\n');
}

export const categoryName = (category: string): string => titleCase(category.replace('-', ' & '));
