import { NOT_SHIPPED } from '../../orders/order-service.js';
import type { Order } from '../../domain/types.js';
import type { Handler } from '../flow.js';
import { itemNamed, orderIdIn } from './pick.js';

/** Money coming back, or having been taken. */
const MONEY = /\b(?:refund\w*|(?:my|the) money|reimburs\w*|charged|billed|paid back|credited)\b/i;
/** A cancellation already made: "the order I cancelled", "after cancelling", "the cancellation". */
const CANCELLED = /\b(?:cancel(?:l)?ed|cancel(?:l)?ation|after (?:i )?cancel(?:l)?ing)\b/i;

/** A cancellation wished for, not made: "I want ORD-1 cancelled", "can it be cancelled and refunded?". */
const OBJECT = String.raw`(?:it|this|that|them|(?:my|the|this|that) order|(?:order )?ORD-[A-Z0-9-]+)`;
const WISHED = new RegExp(
  String.raw`\b(?:want|need|like|have|get)\s+${OBJECT}\s+cancel(?:l)?ed\b|\b(?:can|could|should|will)\s+${OBJECT}\s+be\s+cancel(?:l)?ed\b`,
  'i',
);

const closed = (o: Order) => o.status === 'cancelled' || o.status === 'expired';

/**
 * Whether a message asks about the refund of a cancelled order ("I cancelled ORD-1, when do I get my
 * refund?", "was I charged for the order I cancelled?", "refund status for ORD-1" when ORD-1 is cancelled),
 * rather than asking to cancel ("cancel it and refund me"); a bare "when do I get my refund?" when the
 * latest order was cancelled and nothing shipped could be returned. Orders are read only when needed.
 */
export async function asksRefund(message: string, orders: () => Promise<readonly Order[]>): Promise<boolean> {
  if (!MONEY.test(message)) return false;
  const named = orderIdIn(message);
  // "I want it cancelled and refunded" asks for a cancellation; only an order already closed makes it a
  // question about the money.
  if (WISHED.test(message))
    return named !== null && (await orders()).some((o) => o.order_id === named && closed(o));
  if (CANCELLED.test(message)) return true;
  if (named !== null) return (await orders()).some((o) => o.order_id === named && closed(o));
  if (/\bcancel\b/i.test(message)) return false;
  // "When do I get my refund?" from a customer whose latest order was cancelled and who has nothing
  // shipped that a return could be about: that cancellation's money.
  const all = await orders();
  const latest = [...all].sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
  return (
    latest?.status === 'cancelled' && !all.some((o) => o.status === 'fulfilled' || o.status === 'delivered')
  );
}

/**
 * "Where's my refund for the cancelled order?", answered from the orders: the one named (by id or item),
 * else the cancelled ones (else those that lapsed unpaid), each with what its cancellation recorded.
 */
export const refundStatus: Handler = async ({ state, agents }) => {
  const orders = await agents.orders.listForUser(state.user_id, 20);
  const named = orderIdIn(state.message);
  if (named && !orders.some((o) => o.order_id === named))
    return { results: { cart: { kind: 'order_unknown', named } }, update: { pending: null } };
  const cancelled = orders.filter((o) => o.status === 'cancelled');
  const candidates = cancelled.length > 0 ? cancelled : orders.filter(closed);
  const byItem = itemNamed(
    state.message,
    candidates.map((o) => o.items.map((i) => i.name)),
  );
  const about = named
    ? orders.filter((o) => o.order_id === named)
    : byItem >= 0
      ? [candidates[byItem]!]
      : candidates.slice(0, 3);
  const open = about.length > 0 ? [] : orders.filter((o) => NOT_SHIPPED.includes(o.status));
  return { results: { orders: { kind: 'refund', orders: about, open } }, update: { pending: null } };
};
