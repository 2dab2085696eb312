import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Order } from '../domain/types.js';
import { AppError } from '../errors.js';
import { adminListFilter, adminListQuery } from '../http/admin-list.js';
import { actorOf, assertActsFor, assertAdmin, mayActFor } from '../http/auth.js';
import type { OrderService } from './order-service.js';
import { errorSchema, structured } from '../http/schemas.js';
import { userIdSchema } from '../validation.js';

const STATUSES = ['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'expired'] as const;
const orderParams = z.object({ order_id: z.string().trim().min(1).max(64) }).strict();
const limit = z.coerce.number().int().min(1).max(200).optional();

const notFound = (orderId: string) => new AppError('NOT_FOUND', `Order ${orderId} not found.`);

export const orderRoutes =
  ({ orders }: { orders: OrderService }): FastifyPluginAsyncZod =>
  async (app) => {
    /** The order, if the caller may see it; another customer's reads exactly like one that does not exist. */
    async function visible(request: Parameters<typeof mayActFor>[0], orderId: string): Promise<Order> {
      const order = await orders.get(orderId);
      if (!order || !mayActFor(request, order.user_id)) throw notFound(orderId);
      return order;
    }

    app.get(
      '/api/orders',
      {
        schema: {
          tags: ['orders'],
          summary: "A customer's orders, newest first (a customer's own by default)",
          querystring: z.object({ user_id: userIdSchema.optional(), limit }).strict(),
          response: { 200: structured, 400: errorSchema, 403: errorSchema },
        },
      },
      async (request) => {
        const p = request.principal;
        const userId = request.query.user_id ?? (p.kind === 'customer' ? p.user_id : undefined);
        if (!userId)
          throw new AppError(
            'VALIDATION_FAILED',
            'querystring.user_id: required when not signed in as a customer',
            {
              details: { field: 'querystring.user_id' },
            },
          );
        assertActsFor(request, userId);
        return { user_id: userId, orders: await orders.listForUser(userId, request.query.limit ?? 20) };
      },
    );

    app.get(
      '/api/orders/:order_id',
      {
        schema: {
          tags: ['orders'],
          summary: 'One order with its status, lines, totals and tracking',
          params: orderParams,
          response: { 200: structured, 404: errorSchema },
        },
      },
      async (request) => ({ ...(await visible(request, request.params.order_id)) }),
    );

    app.post(
      '/api/orders/:order_id/cancel',
      {
        schema: {
          tags: ['orders'],
          summary:
            'Cancel an order that has not shipped: an unpaid one lets its units and points go; a paid one is refunded (less points it earned that were spent since)',
          params: orderParams,
          response: { 200: structured, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => {
        const order = await visible(request, request.params.order_id);
        const done = await orders.change(
          order.order_id,
          { to: 'cancelled', from: order.status },
          actorOf(request),
        );
        return { order: done.order, ...(done.refund ? { refund: done.refund } : {}) };
      },
    );

    app.get(
      '/api/admin/orders',
      {
        schema: {
          tags: ['admin'],
          summary: 'Orders, newest first, optionally in one status (admin)',
          querystring: adminListQuery(STATUSES),
          response: { 200: structured, 403: errorSchema },
        },
      },
      async (request) => {
        assertAdmin(request);
        return { orders: await orders.list(adminListFilter(request.query)) };
      },
    );

    app.post(
      '/api/admin/orders/:order_id/status',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Move an order along pending_payment -> paid -> fulfilled -> delivered, or to cancelled (admin; audited). `fulfilled` for a shipment takes carrier and tracking_number.',
          params: orderParams,
          body: z
            .object({
              status: z.enum(STATUSES),
              carrier: z.string().trim().min(1).max(64).optional(),
              tracking_number: z.string().trim().min(1).max(64).optional(),
            })
            .strict(),
          response: {
            200: structured,
            400: errorSchema,
            403: errorSchema,
            404: errorSchema,
            409: errorSchema,
          },
        },
      },
      async (request) => {
        assertAdmin(request);
        const { status, carrier, tracking_number } = request.body;
        const done = await orders.change(
          request.params.order_id,
          { to: status, ...(carrier ? { carrier } : {}), ...(tracking_number ? { tracking_number } : {}) },
          actorOf(request),
        );
        return { order: done.order, from: done.from, ...(done.refund ? { refund: done.refund } : {}) };
      },
    );
  };
