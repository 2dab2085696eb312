import type { ReturnRefusal, ReturnRequest } from '../domain/returns.js';
import type { Order } from '../domain/types.js';
import type { ShopContext } from '../shop/shop-context.js';
import { contactText } from '../shop/contact-text.js';

/** Why a return cannot be made, in words the customer can act on, from the order and the shop's rules. */
export function refusalText(refusal: ReturnRefusal, order: Order, shop: ShopContext): string {
  const id = order.order_id;
  const name = (sku: string) => order.items.find((l) => l.sku === sku)?.name ?? sku;
  switch (refusal.code) {
    case 'NO_ITEMS':
      return 'Say which items to return.';
    case 'NOT_DELIVERED':
      if (refusal.status === 'fulfilled')
        return `Order ${id} is on its way; once it's delivered, items from it can be returned.`;
      if (refusal.status === 'cancelled' || refusal.status === 'expired')
        return `Order ${id} was ${refusal.status === 'expired' ? 'never paid' : 'cancelled'}, so there is nothing to return.`;
      return `Order ${id} hasn't shipped yet, so there is nothing to send back: it can be cancelled instead.`;
    case 'WINDOW_CLOSED':
      return `Returns are accepted within ${refusal.window_days} days of delivery, and order ${id} was delivered on ${shop.date(refusal.delivered_at)}.`;
    case 'NOT_RETURNABLE':
      return `${name(refusal.sku)} can't be returned: the shop doesn't take back ${refusal.category.replace(/-/g, ' ')}.`;
    case 'NOT_ON_ORDER':
      return `Order ${id} has no item ${refusal.sku}.`;
    case 'TOO_MANY':
      return refusal.returnable === 0
        ? `${name(refusal.sku)} from order ${id} is already being returned.`
        : `Only ${refusal.returnable} of ${name(refusal.sku)} from order ${id} can still be returned.`;
  }
}

/**
 * The state the items must come back in, by their categories: a category's own condition, else the shop's
 * general one ("unused" for headphones, "unworn, with the tags on" for a T-shirt).
 */
export function conditionFor(shop: ShopContext, categories: readonly string[]): string | undefined {
  const rules = shop.shop.returns;
  if (!rules || !('conditions' in rules)) return undefined;
  const general = rules.condition;
  const byCategory = (c: string) =>
    rules.conditions.find((k) => k.categories.includes(c))?.condition ?? general;
  const distinct = [...new Set(categories.map(byCategory))];
  if (distinct.length <= 1) return distinct[0] ?? general;
  // Several states for several kinds of item: each said with its items.
  return categories
    .filter((c, i) => categories.indexOf(c) === i)
    .map((c) => (byCategory(c) ? `${c.replace(/-/g, ' ')} ${byCategory(c)}` : ''))
    .filter(Boolean)
    .join('; ');
}

/** What to do once a return is approved: the shop's own instructions, or what its rules say. */
export function instructionsFor(
  ret: Pick<ReturnRequest, 'return_id'>,
  shop: ShopContext,
  categories: readonly string[],
): string {
  const rules = shop.shop.returns;
  const field = (key: 'instructions' | 'address' | 'return_shipping') =>
    rules && key in rules ? (rules as Partial<Record<typeof key, string>>)[key] : undefined;
  const quote = `Quote ${ret.return_id} with the parcel.`;
  const own = field('instructions');
  if (own) return `${own} ${quote}`;
  const address = field('address');
  const condition = conditionFor(shop, categories);
  const shipping = field('return_shipping');
  return [
    `Send the items back${condition ? `, ${condition},` : ''} ${address ? `to ${address}` : 'to the shop'}. ${quote}`,
    shipping ? `Return shipping: ${shipping}.` : '',
    address ? '' : `For the address, ${contactText(shop).replace(/^You can /, '')}`,
  ]
    .filter(Boolean)
    .join(' ');
}
