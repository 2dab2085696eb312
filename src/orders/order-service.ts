import type { TierRule } from '../domain/loyalty.js';
import type { Order, OrderStatus } from '../domain/types.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Storage, TransitionResult } from '../storage/ports.js';

export interface OrderServiceSettings {
  tiers: readonly TierRule[];
  point_value: number;
  now?: () => Date;
  logger?: Logger;
}

export interface StatusChange {
  to: OrderStatus;
  /** The status the caller saw; the change is refused if the order has moved on since. */
  from?: OrderStatus;
  carrier?: string;
  tracking_number?: string;
}

export interface ChangedOrder {
  order: Order;
  from: OrderStatus;
  /** A paid order cancelled: what goes back to the customer, and points it earned that were spent since. */
  refund?: { amount: number; points_shortfall: number };
}

/**
 * The order lifecycle as the API and the agent use it: every change goes through the store's atomic
 * transition, is refused clearly when it is not allowed from where the order stands, and is audited with
 * who made it. Unpaid orders past their time are expired by `expireOverdue`, safe to run from every
 * process at once (each order expires once).
 */
export interface OrderService {
  get(orderId: string): Promise<Order | null>;
  listForUser(userId: string, limit?: number): Promise<Order[]>;
  list(query: { status?: OrderStatus; limit?: number }): Promise<Order[]>;
  change(orderId: string, change: StatusChange, actor: string): Promise<ChangedOrder>;
  expireOverdue(): Promise<number>;
}

const notFound = (orderId: string) => new AppError('NOT_FOUND', `Order ${orderId} not found.`);

export function createOrderService(
  storage: Pick<Storage, 'orders' | 'audit'>,
  settings: OrderServiceSettings,
): OrderService {
  const now = settings.now ?? (() => new Date());

  async function change(orderId: string, c: StatusChange, actor: string): Promise<ChangedOrder> {
    if (c.to === 'fulfilled' && (c.carrier === undefined) !== (c.tracking_number === undefined)) {
      throw new AppError('VALIDATION_FAILED', 'A shipped order needs both carrier and tracking_number.', {
        details: { field: c.carrier === undefined ? 'carrier' : 'tracking_number' },
      });
    }
    const at = now().toISOString();
    const result: TransitionResult = await storage.orders.transition({
      order_id: orderId,
      to: c.to,
      at,
      tiers: settings.tiers,
      point_value: settings.point_value,
      ...(c.from ? { from: c.from } : {}),
      ...(c.carrier !== undefined ? { carrier: c.carrier } : {}),
      ...(c.tracking_number !== undefined ? { tracking_number: c.tracking_number } : {}),
    });
    if (!result.ok) {
      if (result.reason === 'NOT_FOUND') throw notFound(orderId);
      throw new AppError(
        'INVALID_TRANSITION',
        `Order ${orderId} is ${result.from.replace('_', ' ')}, so it cannot become ${c.to.replace('_', ' ')}${c.from && c.from !== result.from ? ' (it changed meanwhile)' : ''}.`,
        { details: { field: 'status', from: result.from } },
      );
    }
    await storage.audit.record({
      at,
      actor,
      user_id: result.order.user_id,
      action: 'order.status',
      details: {
        order_id: orderId,
        from: result.from,
        to: c.to,
        ...(result.refund
          ? { refund: result.refund.amount, points_shortfall: result.refund.points_shortfall }
          : {}),
        ...(c.carrier ? { carrier: c.carrier } : {}),
      },
    });
    return { order: result.order, from: result.from, ...(result.refund ? { refund: result.refund } : {}) };
  }

  return {
    get: (orderId) => storage.orders.get(orderId),
    listForUser: (userId, limit) => storage.orders.listForUser(userId, limit),
    list: (query) => storage.orders.list(query),
    change,
    async expireOverdue() {
      let expired = 0;
      for (const orderId of await storage.orders.overdue(now().toISOString(), 200)) {
        try {
          await change(orderId, { to: 'expired', from: 'pending_payment' }, 'system:expiry');
          expired++;
        } catch (error) {
          // Paid or cancelled a moment ago, or expired by another process: nothing to do.
          if (!(error instanceof AppError && error.code === 'INVALID_TRANSITION')) throw error;
        }
      }
      if (expired > 0) settings.logger?.info({ orders: expired }, 'unpaid orders expired');
      return expired;
    },
  };
}
