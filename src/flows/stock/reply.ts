import type { Availability } from '../../agents/inventory/inventory-agent.js';
import { vary } from '../../replies/phrasing.js';

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
