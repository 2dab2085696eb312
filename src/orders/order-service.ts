import type { TransitionResult } from './order-store.js';
import type { TierRule } from '../domain/loyalty.js';
import type { Address, Order, OrderStatus } from '../domain/types.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { manualPayments, type PaymentEvent, type PaymentProvider } from '../payments/provider.js';
import type { Storage } from '../storage/ports.js';
import type { Clock } from '../domain/clock.js';

export interface OrderServiceSettings {
  tiers: readonly TierRule[];
  point_value: number;
  /** Where money is taken and given back; the shop by hand when absent. */
  payments?: PaymentProvider;
  /** Minor digits of the shop's currency (2 for USD, 0 for JPY). */
  currency_digits?: number;
  /** The shop's currency (ISO 4217): a payment in another one does not pay an order. */
  currency: string;
  now: Clock;
  logger?: Logger;
  /** Tells the customer, in the conversation the order was placed in, what became of it. */
  tell?: (sessionId: string, text: string) => Promise<unknown>;
  /** Formats an amount in the shop's currency, for what the customer is told. */
  money?: (amount: number) => string;
}

export interface StatusChange {
  to: OrderStatus;
  /** The provider's reference for the payment, when it becomes paid. */
  payment_ref?: string;
  /** The status the caller saw; the change is refused if the order has moved on since. */
  from?: OrderStatus;
  carrier?: string;
  tracking_number?: string;
}

export interface ChangedOrder {
  order: Order;
  from: OrderStatus;
  /** A paid order cancelled: what goes back to the customer, and points it earned that were spent since. */
  refund?: { amount: number; points_shortfall: number; sent: boolean };
}

/** What came of a payment the provider reported. */
export type Settled =
  | { status: 'paid'; order: Order }
  | { status: 'duplicate' }
  /** An event that is not a payment (Stripe sends many kinds). */
  | { status: 'ignored' }
  | { status: 'unknown_order'; order_id: string }
  /** Paid after it expired or was cancelled: the money went back. */
  | { status: 'refunded_late'; order: Order; refunded: boolean }
  /** Paid a second time (another payment than the one that paid it): the second went back. */
  | { status: 'refunded_double'; order: Order; refunded: boolean }
  /**
   * Not a payment of this order - another checkout than the order's, or another amount or currency
   * than its total: it went back, the order is as it was, and staff can see it in the audit trail.
   */
  | { status: 'refunded_mismatch'; order: Order; refunded: boolean; mismatch: string };

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
  /**
   * A page where the customer pays, from the payment provider (kept on the order, so it can be offered
   * again); null when the shop collects otherwise.
   */
  paymentLink(order: Order): Promise<string | null>;
  /**
   * Sends the order somewhere else, only while it has not shipped (unpaid or paid) and is delivered, not
   * collected: the order as it now stands, or null when it has moved on or is a pickup.
   */
  changeAddress(orderId: string, address: Address, actor: string): Promise<Order | null>;
  /** Applies a verified payment event once: the order becomes paid, or a late payment is refunded. */
  settle(event: PaymentEvent): Promise<Settled>;
}

/** Orders that have not shipped yet: their address may still change. */
export const NOT_SHIPPED: readonly OrderStatus[] = ['pending_payment', 'paid'];

const notFound = (orderId: string) => new AppError('NOT_FOUND', `Order ${orderId} not found.`);

export function createOrderService(
  storage: Pick<Storage, 'orders' | 'audit'>,
  settings: OrderServiceSettings,
): OrderService {
  const { now } = settings;
  const payments = settings.payments ?? manualPayments;
  const digits = settings.currency_digits ?? 2;

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
      program: { tiers: settings.tiers, point_value: settings.point_value, digits },
      ...(c.from ? { from: c.from } : {}),
      ...(c.carrier !== undefined ? { carrier: c.carrier } : {}),
      ...(c.tracking_number !== undefined ? { tracking_number: c.tracking_number } : {}),
      ...(c.payment_ref !== undefined ? { payment_ref: c.payment_ref } : {}),
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
    // An unpaid order that lapsed or was cancelled: its payment page closes, so nobody pays for nothing.
    if (result.from === 'pending_payment' && result.order.payment_checkout && c.to !== 'paid')
      await payments.closeLink(result.order.payment_checkout).catch((error: unknown) => {
        settings.logger?.warn(
          { err: error, order_id: orderId },
          'payment page not closed: a payment there is refunded',
        );
      });
    if (!result.refund) return { order: result.order, from: result.from };
    // The refund goes out through the provider that took the payment; by hand for manual payments.
    let sent = false;
    if (result.order.payment_ref && result.refund.amount > 0) {
      try {
        sent =
          (await payments.refund(result.order.payment_ref, result.refund.amount, `cancel-${orderId}`)) !==
          null;
      } catch (error) {
        settings.logger?.error({ err: error, order_id: orderId }, 'refund not sent: send it by hand');
      }
    }
    return { order: result.order, from: result.from, refund: { ...result.refund, sent } };
  }

  /**
   * Applies an event once: recorded first, and marked done only once applied, so an event whose applying
   * was cut short (the process died, the database failed) is applied again when the provider retries it.
   * Applying twice at once is safe: the order is paid by one transition, refunds go once per payment.
   */
  async function settle(event: PaymentEvent): Promise<Settled> {
    if (!(await storage.orders.recordPaymentEvent(event.event_id, now().toISOString())))
      return { status: 'duplicate' };
    const settled = await apply(event);
    await storage.orders.finishPaymentEvent(event.event_id);
    return settled;
  }

  async function apply(event: PaymentEvent): Promise<Settled> {
    if (event.kind !== 'paid') return { status: 'ignored' };
    const order = await storage.orders.get(event.order_id);
    if (!order) {
      settings.logger?.error({ order_id: event.order_id }, 'payment for an order that does not exist');
      return { status: 'unknown_order', order_id: event.order_id };
    }
    const mismatch = paymentMismatch(order, event);
    if (mismatch) return refundMismatch(order, event, mismatch);
    try {
      const done = await change(
        order.order_id,
        { to: 'paid', from: 'pending_payment', payment_ref: event.payment_reference },
        `payment:${payments.name}`,
      );
      return { status: 'paid', order: done.order };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'INVALID_TRANSITION')) throw error;
    }
    // Too late (expired or cancelled meanwhile): nothing was sold, so the money goes straight back. Paid
    // already by another payment: the second one goes back.
    const latest = (await storage.orders.get(order.order_id)) ?? order;
    const sold = latest.status === 'paid' || latest.status === 'fulfilled' || latest.status === 'delivered';
    if (sold && latest.payment_ref === event.payment_reference) return { status: 'duplicate' };
    const refunded = await giveBack(event, 'late', order.order_id);
    await storage.audit.record({
      at: now().toISOString(),
      actor: `payment:${payments.name}`,
      user_id: latest.user_id,
      action: 'order.status',
      details: {
        order_id: latest.order_id,
        [sold ? 'second_payment' : 'late_payment']: event.payment_reference,
        refunded,
      },
    });
    if (latest.session_id && settings.tell) {
      const amount = event.amount_minor / 10 ** digits;
      const paid = settings.money ? settings.money(amount) : amount.toFixed(digits);
      const back = refunded
        ? 'the full amount is on its way back to how you paid.'
        : 'the shop will refund the full amount to you.';
      const why = latest.status === 'expired' ? 'expired unpaid' : 'been cancelled';
      const text = sold
        ? `We received a second payment of ${paid} for order ${latest.order_id}, which was already paid: ${back}`
        : `Your payment of ${paid} for order ${latest.order_id} arrived after the order had ${why}, so nothing was sold: ${back} To buy the items, order them again.`;
      await settings.tell(latest.session_id, text).catch((error: unknown) => {
        settings.logger?.error(
          { err: error, order_id: latest.order_id },
          'customer not told of the late payment',
        );
      });
    }
    return { status: sold ? 'refunded_double' : 'refunded_late', order: latest, refunded };
  }

  /**
   * Sends a whole payment back through the provider (once per payment and reason); false when it has to
   * be done by hand, which is logged.
   */
  async function giveBack(
    event: Extract<PaymentEvent, { kind: 'paid' }>,
    reason: 'late' | 'mismatch',
    orderId: string,
  ): Promise<boolean> {
    try {
      const refund = await payments.refund(
        event.payment_reference,
        event.amount_minor / 10 ** digits,
        `${reason}-${event.payment_reference}`,
      );
      return refund !== null;
    } catch (error) {
      settings.logger?.error(
        { err: error, order_id: orderId, reason },
        'payment not given back: refund it by hand',
      );
      return false;
    }
  }

  /**
   * Why a verified payment event does not pay this order, or null when it does: it must come through the
   * checkout opened for the order (when one was recorded) for exactly the order's total, in the shop's
   * currency, counted in minor units.
   */
  function paymentMismatch(order: Order, event: Extract<PaymentEvent, { kind: 'paid' }>): string | null {
    if (order.payment_checkout && event.checkout_reference !== order.payment_checkout)
      return `paid through checkout ${event.checkout_reference}, not the order's ${order.payment_checkout}`;
    const currency = settings.currency.toLowerCase();
    if (event.currency !== currency) return `paid in ${event.currency || 'no currency'}, not ${currency}`;
    const expected = Math.round(order.total * 10 ** digits);
    if (event.amount_minor !== expected)
      return `paid ${event.amount_minor} minor units, not the order's ${expected}`;
    return null;
  }

  /** A payment that does not pay the order goes back in full; nothing about the order or customer moves. */
  async function refundMismatch(
    order: Order,
    event: Extract<PaymentEvent, { kind: 'paid' }>,
    mismatch: string,
  ): Promise<Settled> {
    const refunded = await giveBack(event, 'mismatch', order.order_id);
    settings.logger?.error(
      { order_id: order.order_id, payment: event.payment_reference, mismatch, refunded },
      'a payment that does not match its order was refused',
    );
    await storage.audit.record({
      at: now().toISOString(),
      actor: `payment:${payments.name}`,
      user_id: order.user_id,
      action: 'order.payment_refused',
      details: {
        order_id: order.order_id,
        payment: event.payment_reference,
        checkout: event.checkout_reference,
        amount_minor: event.amount_minor,
        currency: event.currency,
        mismatch,
        refunded,
      },
    });
    return { status: 'refunded_mismatch', order, refunded, mismatch };
  }

  return {
    async paymentLink(order) {
      if (order.payment_url) return order.payment_url;
      const link = await payments.paymentLink(order);
      if (link) await storage.orders.setPaymentLink(order.order_id, link);
      return link?.url ?? null;
    },
    async changeAddress(orderId, address, actor) {
      const at = now().toISOString();
      const order = await storage.orders.changeAddress({
        order_id: orderId,
        address,
        while: NOT_SHIPPED,
      });
      if (order) {
        await storage.audit.record({
          at,
          actor,
          user_id: order.user_id,
          action: 'order.address',
          details: { order_id: orderId, city: address.city, postal_code: address.postal_code },
        });
      }
      return order;
    },
    settle,
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
