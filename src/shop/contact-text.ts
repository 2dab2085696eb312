import type { ShopContext } from './shop-context.js';

/** How a customer reaches a person at the shop, from its configuration. */
export function contactText(ctx: ShopContext): string {
  const c = ctx.shop.contact;
  const ways = [c.email ? `email ${c.email}` : '', c.phone ? `call ${c.phone}` : ''].filter(Boolean);
  return `You can ${ways.join(' or ')}${c.hours ? ` (${c.hours})` : ''}.`;
}
