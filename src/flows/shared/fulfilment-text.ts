import { pickupPhrase, type PickupTime } from '../../shop/opening-hours.js';
import type { ShopContext } from '../../shop/shop-context.js';
import { list } from '../../replies/phrasing.js';

/** "today until 21:00" in the store's time zone, from its hours. */
export const pickupWhen = (time: PickupTime, ctx: ShopContext): string => pickupPhrase(time, ctx.now());

/** The shop's shipping methods, from its configuration: "Standard (2-5 business days, $5.99, free over $75)". */
export function shippingMethodsText(ctx: ShopContext): string {
  return list(
    ctx.shop.shipping.map((m) => {
      const days = m.min_days === m.max_days ? `${m.min_days}` : `${m.min_days}-${m.max_days}`;
      const cost = m.cost === 0 ? 'free' : ctx.money(m.cost);
      const free = m.free_over !== undefined && m.cost > 0 ? `, free over ${ctx.money(m.free_over)}` : '';
      return `${m.name} (${days} business days, ${cost}${free})`;
    }),
  );
}
