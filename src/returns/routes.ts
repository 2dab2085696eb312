import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReturnStatus } from '../domain/returns.js';
import { AppError } from '../errors.js';
import { adminListFilter, adminListQuery } from '../http/admin-list.js';
import { actorOf, assertAdmin, mayActFor } from '../http/auth.js';
import type { OrderService } from '../orders/order-service.js';
import type { ReturnService } from './return-service.js';
import { errorSchema, structured } from '../http/schemas.js';

const STATUSES = [
  'requested',
  'approved',
  'rejected',
  'received',
  'refunded',
  'exchanged',
] as const satisfies readonly ReturnStatus[];
const orderParams = z.object({ order_id: z.string().trim().min(1).max(64) }).strict();
const returnParams = z.object({ return_id: z.string().trim().min(1).max(64) }).strict();
const sku = z.string().trim().min(1).max(64);
const answers = {
  200: structured,
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
};

const itemSchema = z
  .object({
    sku,
    quantity: z.number().int().min(1).max(1000),
    /** For an exchange: the variant wanted instead, by sku or by colour and size. */
    exchange_for: z
      .object({
        sku: sku.optional(),
        color: z.string().trim().min(1).max(40).optional(),
        size: z.string().trim().min(1).max(20).optional(),
      })
      .strict()
      .refine((e) => e.sku || e.color || e.size, 'needs a sku, color or size')
      .optional(),
  })
  .strict();

/** What the return routes use. */
export interface ReturnRouteDeps {
  agents: { orders: OrderService; returns: ReturnService };
}

/**
 * Returns and exchanges: a customer asks to send back items of a delivered order (refund or another
 * variant); operators approve or reject the ones the shop's rules leave to a person, receive the parcel
 * (restocking it and refunding through the payment provider) and record refunds made by hand.
 */
export const returnRoutes =
  ({ agents }: ReturnRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const returns = agents.returns;

    app.post(
      '/api/orders/:order_id/returns',
      {
        schema: {
          tags: ['orders'],
          summary:
            "Return items of a delivered order, or exchange them for another colour or size: checked against the shop's returns rules, approved with instructions when they allow it (otherwise left for the shop to review); the refund is computed from what was paid for each unit",
          params: orderParams,
          body: z
            .object({ items: z.array(itemSchema).min(1).max(50), reason: z.string().trim().min(1).max(500) })
            .strict(),
          response: { ...answers, 201: structured },
        },
      },
      async (request, reply) => {
        const order = await agents.orders.get(request.params.order_id);
        // Another customer's order reads exactly like one that does not exist.
        if (!order || !mayActFor(request, order.user_id))
          throw new AppError('NOT_FOUND', `Order ${request.params.order_id} not found.`);
        const ret = await returns.request(
          { order_id: order.order_id, items: request.body.items, reason: request.body.reason },
          order.user_id,
          actorOf(request),
        );
        return reply.code(201).send({ return: ret });
      },
    );

    app.get(
      '/api/orders/:order_id/returns',
      {
        schema: {
          tags: ['orders'],
          summary: "An order's returns, newest first",
          params: orderParams,
          response: answers,
        },
      },
      async (request) => {
        const order = await agents.orders.get(request.params.order_id);
        if (!order || !mayActFor(request, order.user_id))
          throw new AppError('NOT_FOUND', `Order ${request.params.order_id} not found.`);
        return { returns: await returns.list({ order_id: order.order_id }) };
      },
    );

    app.get(
      '/api/returns/:return_id',
      {
        schema: {
          tags: ['orders'],
          summary: 'One return and where it stands',
          params: returnParams,
          response: answers,
        },
      },
      async (request) => {
        const ret = await returns.get(request.params.return_id);
        if (!ret || !mayActFor(request, ret.user_id))
          throw new AppError('NOT_FOUND', `Return ${request.params.return_id} not found.`);
        return { return: ret };
      },
    );

    app.get(
      '/api/admin/returns',
      {
        schema: {
          tags: ['admin'],
          summary: 'Returns, newest first, optionally in one status (admin)',
          querystring: adminListQuery(STATUSES),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        return { returns: await returns.list(adminListFilter(request.query)) };
      },
    );

    app.post(
      '/api/admin/returns/:return_id/approve',
      {
        schema: {
          tags: ['admin'],
          summary:
            "Approve a requested return, with instructions for the customer (the shop's own by default) (admin)",
          params: returnParams,
          body: z
            .object({ instructions: z.string().trim().min(1).max(2000).optional() })
            .strict()
            .nullish(),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        return {
          return: await returns.approve(
            request.params.return_id,
            actorOf(request),
            request.body?.instructions,
          ),
        };
      },
    );

    app.post(
      '/api/admin/returns/:return_id/reject',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Reject a return with the reason the customer is told; units reserved for an exchange go back (admin)',
          params: returnParams,
          body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        return {
          return: await returns.reject(request.params.return_id, request.body.reason, actorOf(request)),
        };
      },
    );

    app.post(
      '/api/admin/returns/:return_id/receive',
      {
        schema: {
          tags: ['admin'],
          summary:
            'The parcel arrived: the items go back on hand (unless `restock: false`, for items not fit to sell), points move, and the refund is sent through the payment provider (with manual payments it is left for /refund) (admin)',
          params: returnParams,
          body: z.object({ restock: z.boolean().optional() }).strict().nullish(),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        const done = await returns.receive(request.params.return_id, actorOf(request), {
          restock: request.body?.restock !== false,
        });
        return { return: done.ret, refund: done.refund };
      },
    );

    app.post(
      '/api/admin/returns/:return_id/refund',
      {
        schema: {
          tags: ['admin'],
          summary: 'Record a refund made by hand for a received return, with its reference (admin)',
          params: returnParams,
          body: z
            .object({ reference: z.string().trim().min(1).max(200).optional() })
            .strict()
            .nullish(),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        return {
          return: await returns.markRefunded(
            request.params.return_id,
            actorOf(request),
            request.body?.reference,
          ),
        };
      },
    );
  };
