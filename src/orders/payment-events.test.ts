import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import type { Storage } from '../storage/ports.js';
import { createTestContext } from '../testing/test-context.js';
import { createOrderService } from './order-service.js';

let ctx: AppContext;
const clock = new Date('2026-11-30T12:00:00Z');

beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => clock });
});
afterAll(() => ctx.close());

describe('a payment event whose applying is cut short', () => {
  it('is applied when the provider sends it again, not answered as a duplicate', async () => {
    const placed = await ctx.agents.cart.add('customer020', { product_id: 'LAPTOP001', color: 'silver' });
    expect(placed.status).toBe('added');
    const customer = (await ctx.storage.customers.get('customer020'))!;
    const checkout = await ctx.agents.cart.checkout('customer020', { customer });
    if (checkout.status !== 'placed') throw new Error(`not placed: ${checkout.status}`);
    const order = checkout.order;
    // The database fails once, after the event is recorded and before the order is read.
    let failures = 1;
    const storage: Pick<Storage, 'orders' | 'audit'> = {
      audit: ctx.storage.audit,
      orders: {
        ...ctx.storage.orders,
        get: async (orderId) => {
          if (failures-- > 0) throw new Error('the database went away');
          return ctx.storage.orders.get(orderId);
        },
      },
    };
    const service = createOrderService(storage, {
      tiers: ctx.config.shop.loyalty.tiers,
      point_value: ctx.config.agents.loyalty_agent.point_value,
      currency: ctx.config.shop.currency,
      now: () => clock,
    });
    const event = {
      kind: 'paid' as const,
      event_id: 'evt_cut_short',
      order_id: order.order_id,
      payment_reference: 'pi_cut_short',
      checkout_reference: 'cs_cut_short',
      amount_minor: Math.round(order.total * 100),
      currency: 'usd',
    };
    await expect(service.settle(event)).rejects.toThrow('the database went away');
    expect((await service.get(order.order_id))?.status).toBe('pending_payment');
    // The provider's retry pays it, and after that the event is done.
    expect(await service.settle(event)).toMatchObject({ status: 'paid' });
    expect(await service.settle(event)).toEqual({ status: 'duplicate' });
    expect(await service.get(order.order_id)).toMatchObject({ status: 'paid', payment_ref: 'pi_cut_short' });
    expect(await ctx.storage.orders.recordPaymentEvent('evt_cut_short', clock.toISOString())).toBe(false);
  });
});
