import type { SalesStateType } from '../../graph/state.js';
import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { inventoryCheck } from './handler.js';
import { availabilityText } from './reply.js';

function stockReply(state: SalesStateType): string {
  const inv = state.results.inventory;
  if (inv?.kind === 'availability') return availabilityText(inv.availability, state.turn);
  if (inv?.kind === 'no_product')
    return "I couldn't find that product. Could you tell me which one you mean?";
  if (inv?.kind !== 'stores') return '';
  if (!inv.located) return 'Which product would you like me to check, and which city are you in?';
  if (inv.stores.length === 0)
    return `We don't have a store within reach${inv.place ? ` of ${inv.place}` : ''}, but we ship everywhere in 2-5 business days.`;
  const stores = inv.stores.map(
    (s) =>
      `- ${s.name}, ${s.address}, ${s.city} (${s.distance_km} km)${s.same_day_delivery ? ', same-day delivery' : ''}`,
  );
  return `Stores near ${inv.place ?? 'you'}:\n${stores.join('\n')}\nWhich product should I check for you?`;
}

/** Stock of a product online and in stores near the customer, or the stores themselves. */
export const stock: Flow<'inventory_check'> = {
  name: 'stock',
  intents: {
    inventory_check: {
      meaning: 'stock, pickup, delivery',
      examples: examples.inventory_check,
      continues: true,
      needs_product: true,
    },
  },
  route: { primary: 'inventory', secondary: [] },
  handle: inventoryCheck,
  reply: stockReply,
};
