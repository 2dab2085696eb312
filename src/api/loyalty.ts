import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { newCustomer } from '../domain/customer.js';
import { AppError } from '../errors.js';
import { assertActsFor } from '../http/auth.js';
import type { Clock } from '../domain/clock.js';
import type { Agents } from '../flows/agents.js';
import type { Storage } from '../storage/ports.js';
import { errorSchema, loyaltyRequestSchema, structured } from '../http/schemas.js';

/** What the loyalty routes use. */
export interface LoyaltyRouteDeps {
  agents: Pick<Agents, 'cart' | 'loyalty'>;
  storage: Pick<Storage, 'customers'>;
  now: Clock;
}

export const loyaltyRoutes =
  ({ agents, storage, now }: LoyaltyRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/loyalty/status',
      {
        schema: {
          tags: ['loyalty'],
          summary: "A customer's tier and points; what an order would earn; whether points can be redeemed",
          description:
            'action=status: tier, points, perks. action=calculate: discount and points for order_total. ' +
            "action=redeem: checks `points` against order_total (or the customer's cart); points are taken at checkout.",
          body: loyaltyRequestSchema,
          response: { 200: structured, 400: errorSchema },
        },
      },
      async (request) => {
        const { user_id, action, order_total, points } = request.body;
        assertActsFor(request, user_id);
        const customer = await storage.customers.ensure(user_id, () =>
          newCustomer(user_id, {}, now().toISOString()),
        );
        if (action === 'status') return { action, ...agents.loyalty.status(customer) };
        const total = order_total ?? (await agents.cart.view(user_id)).subtotal;
        if (action === 'calculate') {
          if (order_total === undefined) {
            throw new AppError('VALIDATION_FAILED', 'body.order_total: required for action calculate', {
              details: { field: 'body.order_total' },
            });
          }
          return { action, ...agents.loyalty.quote(customer, total) };
        }
        const requested = points ?? agents.loyalty.quote(customer, total).max_redeemable_points;
        return {
          action,
          order_total: total,
          requested,
          ...agents.loyalty.checkRedemption(customer, requested, total),
        };
      },
    );
  };
