import type { SalesStateType } from '../conversation.js';
import type { Flow, ReplyContext } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { nameSaid, whichOneText } from '../shared/named.js';
import { inventoryCheck } from './handler.js';
import { availabilityText } from './reply.js';
import { pickupWhen, shippingMethodsText } from '../shared/fulfilment-text.js';

function stockReply(state: SalesStateType, ctx: ReplyContext): string {
  const inv = state.results.inventory;
  if (inv?.kind === 'availability') return availabilityText(inv.availability, ctx);
  if (inv?.kind === 'no_product')
    return "I couldn't find that product. Could you tell me which one you mean?";
  if (inv?.kind !== 'stores') return '';
  // No product was meant because the name fits several on screen ("the Velo one"): ask which.
  const which = whichOneText(state.shown, nameSaid(state.entities), state.message);
  if (which) return which;
  if (!inv.located) return 'Which product would you like me to check, and which city are you in?';
  if (inv.stores.length === 0)
    return `We don't have a store within reach${inv.place ? ` of ${inv.place}` : ''}, but we can ship to you: ${shippingMethodsText(ctx)}.`;
  const sameDay = ctx.shop.same_day_delivery;
  const stores = inv.stores.map((s) => {
    const open = s.pickup ? `, pickup ${pickupWhen(s.pickup, ctx)}` : '';
    const fast =
      sameDay && s.same_day_delivery && s.distance_km <= sameDay.radius_km ? ', same-day delivery' : '';
    return `- ${s.name}, ${s.address}, ${s.city} (${s.distance_km} km)${open}${fast}`;
  });
  return `Stores near ${inv.place ?? 'you'}:\n${stores.join('\n')}\nWhich product should I check for you?`;
}

/** Stock of a product online and in stores near the customer, or the stores themselves. */
export const stock: Flow<'inventory_check'> = {
  name: 'stock',
  intents: {
    inventory_check: {
      meaning: 'stock, pickup, delivery',
      examples: examples.inventory_check,
      patterns: PATTERNS.inventory_check,
      continues: true,
      needs_product: true,
      asks_again_by_place: true,
      aside: true,
      asks_by_variant: true,
    },
  },
  route: { primary: 'inventory', secondary: [] },
  handle: inventoryCheck,
  reply: stockReply,
};

declare module '../intent.js' {
  interface Intents {
    inventory_check: true;
  }
}
