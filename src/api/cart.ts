import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { newCustomer } from '../domain/customer.js';
import type { GeoPoint } from '../domain/types.js';
import { AppError } from '../errors.js';
import { actorOf, assertActsFor, customerAddressOf } from '../http/auth.js';
import type { Clock } from '../domain/clock.js';
import type { Agents } from '../flows/agents.js';
import type { Storage } from '../storage/ports.js';
import { cartOperationSchema, errorSchema, structured } from '../http/schemas.js';

/** What the cart routes use. */
export interface CartRouteDeps {
  agents: Pick<Agents, 'cart' | 'inventory' | 'orders'>;
  storage: Pick<Storage, 'customers'>;
  now: Clock;
}

export const cartRoutes =
  ({ agents, storage, now }: CartRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** The nearest store that can hand over the whole cart today; refused with a reason when none can. */
    async function readyStore(user: string, from: GeoPoint | null): Promise<string> {
      const cart = await agents.cart.view(user);
      const ready = (await agents.inventory.pickupStores(cart.items, from)).find((s) => s.ready_today);
      if (!ready)
        throw new AppError(
          'NO_PICKUP_STORE',
          'No store can supply the whole cart for pickup today; ship it instead.',
          {
            category: 'user',
          },
        );
      return ready.store_id;
    }

    app.post(
      '/api/cart/operation',
      {
        schema: {
          tags: ['cart'],
          summary: 'View, add to, update, remove from, clear or check out a cart',
          body: cartOperationSchema,
          response: { 200: structured, 400: errorSchema },
        },
      },
      async (request) => {
        const op = request.body;
        const user = op.user_id;
        assertActsFor(request, user);
        const actor = actorOf(request);
        switch (op.action) {
          case 'view':
            return { action: op.action, status: 'ok', cart: await agents.cart.view(user) };
          case 'clear':
            return { action: op.action, ...(await agents.cart.clear(user, { actor })) };
          case 'add':
            await storage.customers.ensure(user, () => newCustomer(user, {}, now().toISOString()));
            return { action: op.action, ...(await agents.cart.add(user, { ...op, actor })) };
          case 'update':
            // Over the API a quantity of 0 has always meant "remove the line".
            return op.quantity === 0
              ? { action: op.action, ...(await agents.cart.remove(user, { ...op, actor })) }
              : { action: op.action, ...(await agents.cart.update(user, { ...op, actor })) };
          case 'remove':
            return { action: op.action, ...(await agents.cart.remove(user, { ...op, actor })) };
          case 'checkout': {
            const customer = await storage.customers.ensure(user, () =>
              newCustomer(user, {}, now().toISOString()),
            );
            const result = await agents.cart.checkout(user, {
              customer,
              actor,
              client_address: customerAddressOf(request) ?? null,
              redeem_points: op.redeem_points,
              fulfilment:
                op.fulfilment === 'pickup'
                  ? { type: 'pickup', store_id: op.store_id ?? (await readyStore(user, customer.location)) }
                  : { type: 'ship' },
            });
            if (result.status !== 'placed') return { action: op.action, ...result };
            // Placed either way; where to pay comes with it when the shop takes payment online.
            const payment_url = await agents.orders.paymentLink(result.order).catch(() => null);
            return { action: op.action, ...result, order: { ...result.order, payment_url }, payment_url };
          }
        }
      },
    );
  };
