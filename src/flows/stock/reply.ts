import type { ReplyContext } from '../flow.js';
import type { Availability } from '../../agents/inventory/inventory-agent.js';
import { list, vary } from '../../replies/phrasing.js';
import { variantLabel } from '../shared/cart-text.js';
import { pickupWhen } from '../shared/fulfilment-text.js';

export function availabilityText(a: Availability, ctx: ReplyContext): string {
  const variant = variantLabel(a.variant);
  const what = variant ? `${a.name} (${variant})` : a.name;
  const lines: string[] = [];
  const ship = a.fulfilment.find((o) => o.type === 'ship');
  if (a.not_made) {
    // Not made that way is not "out of stock": say what it does come in.
    const { option, value, offered } = a.not_made;
    return `${a.name} doesn't come in ${option === 'size' ? `size ${value}` : value}; it comes in ${option === 'size' ? 'sizes ' : ''}${list(offered)} - ask me about any of them.`;
  }
  if (!a.in_stock) {
    lines.push(
      a.located
        ? `Sorry, ${what} is out of stock online and at stores within ${a.radius_km} km.`
        : `Sorry, ${what} is out of stock online right now.`,
    );
  } else {
    lines.push(
      vary(ctx.seed, [`Good news: ${what} is in stock.`, `Yes, ${what} is available.`]) +
        (a.online_quantity === 0
          ? ' It is not available online, but stores have it.'
          : a.online_by_variant.length > 1
            ? ` Online: ${list(a.online_by_variant.slice(0, 4).map((v) => `${v.quantity} in ${variantLabel(v, ' ')}`))}.`
            : ` ${a.online_quantity} available online.`),
    );
  }
  if (ship?.type === 'ship' && ship.available)
    lines.push(`${ship.method} shipping: ${ship.eta_days_min}-${ship.eta_days_max} business days.`);
  for (const s of a.nearby_stores.slice(0, 3)) {
    const counted = s.counted ? ` in ${variantLabel(s.counted, ' ')}` : '';
    const stock = `${s.distance_km} km, ${s.quantity}${counted} in stock`;
    lines.push(
      s.pickup
        ? `Pickup ${pickupWhen(s.pickup, ctx)} at ${s.name}, ${s.city} (${stock}).`
        : `${s.name}, ${s.city} has it (${stock}), but isn't open for pickup.`,
    );
  }
  const sameDay = a.fulfilment.find((o) => o.type === 'same_day');
  if (sameDay?.type === 'same_day' && sameDay.available)
    lines.push(`Same-day delivery is available from ${sameDay.store_name}.`);
  if (!a.located) lines.push('Tell me your city and I can check stores near you.');
  return lines.join('\n');
}
