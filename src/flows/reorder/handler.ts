import type { Order } from '../../domain/types.js';
import type { Outcome, Turn } from '../flow.js';
import { orderIdIn } from '../orders/pick.js';
import type { MissedLine, ReorderedLine } from './results.js';

/** Orders whose goods the customer had or has coming: an unpaid, cancelled or lapsed one is not repeated. */
const BOUGHT: ReadonlySet<Order['status']> = new Set(['paid', 'fulfilled', 'delivered']);

/** How many earlier orders are looked through for the one meant. */
const LOOK_BACK = 20;

/**
 * Puts the items of an earlier order back in the cart: the one named by id, else the latest bought.
 * Each line goes through the cart agent like a typed "add", so today's price, stock and limits apply.
 */
export async function reorder({ state, agents }: Turn): Promise<Outcome> {
  const named = orderIdIn(state.message);
  const orders = (await agents.orders.listForUser(state.user_id, LOOK_BACK)).filter((o) =>
    BOUGHT.has(o.status),
  );
  const order = named ? orders.find((o) => o.order_id === named) : orders[0];
  if (!order) return { results: { reorder: { kind: 'none', named } } };
  const added: ReorderedLine[] = [];
  const missed: MissedLine[] = [];
  const already: Omit<ReorderedLine, 'price'>[] = [];
  // Said twice ("same again" ... "same again please"), the order goes in once: lines the cart already
  // holds as many of are left as they are.
  const before = await agents.cart.view(state.user_id);
  for (const line of order.items) {
    const { name, color, size, quantity } = line;
    const held = before.items.find((i) => i.sku === line.sku)?.quantity ?? 0;
    if (held >= quantity) {
      already.push({ name, color, size, quantity: held });
      continue;
    }
    const result = await agents.cart.add(state.user_id, {
      product_id: line.product_id,
      ...(color ? { color } : {}),
      ...(size ? { size } : {}),
      quantity,
    });
    if (result.status === 'added') {
      added.push({ name, color, size, quantity, price: result.price });
      continue;
    }
    const missing = { name, color, size };
    if (result.status === 'insufficient_stock')
      missed.push({ ...missing, reason: 'stock', available: Math.max(0, result.available - result.in_cart) });
    else if (result.status === 'invalid_quantity') missed.push({ ...missing, reason: 'limit' });
    else if (result.status === 'not_found') missed.push({ ...missing, reason: 'gone' });
    else {
      // The cart offers only variants in stock: one still sold but sold out is out of stock, not gone.
      const sold = (await agents.recommendation.details(line.product_id))?.variants.some(
        (v) => v.sku === line.sku,
      );
      missed.push(sold ? { ...missing, reason: 'stock', available: 0 } : { ...missing, reason: 'variant' });
    }
  }
  const cart = await agents.cart.view(state.user_id);
  return {
    results: {
      reorder: {
        kind: 'reordered',
        order_id: order.order_id,
        placed_at: order.created_at,
        added,
        already,
        missed,
        cart,
      },
    },
  };
}
