import type { Order } from '../../domain/types.js';
import type { Turn } from '../flow.js';

/** The customer's orders still waiting for payment and not past their deadline, newest first. */
export async function unpaidOrders({ state, agents, shop }: Turn): Promise<Order[]> {
  const now = shop.now().getTime();
  return (await agents.orders.listForUser(state.user_id, 20)).filter(
    (o) => o.status === 'pending_payment' && (!o.expires_at || Date.parse(o.expires_at) > now),
  );
}
