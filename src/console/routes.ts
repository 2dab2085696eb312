import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ONLINE_LOCATION } from '../domain/types.js';
import { AppError } from '../errors.js';
import { assertAdmin } from '../http/auth.js';
import type { Storage } from '../storage/ports.js';
import { errorSchema, structured } from '../http/schemas.js';

const answers = { 200: structured, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const page = z.coerce.number().int().min(0).max(100_000);

/** What the console routes read. */
export interface ConsoleRouteDeps {
  storage: Pick<Storage, 'customers' | 'inventory' | 'orders' | 'products'>;
}

/** What the operator console reads besides conversations and orders: customers, and stock where it lies. */
export const consoleRoutes =
  ({ storage }: ConsoleRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const summary = (c: Awaited<ReturnType<typeof storage.customers.get>> & object) => ({
      user_id: c.user_id,
      name: c.name,
      email: c.email,
      loyalty_tier: c.loyalty_tier,
      loyalty_points: c.loyalty_points,
      total_spent: c.total_spent,
      is_guest: c.is_guest,
    });

    app.get(
      '/api/admin/customers',
      {
        schema: {
          tags: ['admin'],
          summary: 'Customers with their tier, points and spend (admin)',
          querystring: z.object({ limit: page.min(1).max(200).optional(), offset: page.optional() }).strict(),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        const list = await storage.customers.list({
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        });
        return { customers: list.map(summary) };
      },
    );

    app.get(
      '/api/admin/customers/:user_id',
      {
        schema: {
          tags: ['admin'],
          summary: 'A customer with their latest orders (admin)',
          params: z.object({ user_id: z.string().trim().min(1).max(128) }).strict(),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        const customer = await storage.customers.get(request.params.user_id);
        if (!customer) throw new AppError('NOT_FOUND', `Customer ${request.params.user_id} not found.`);
        return {
          customer: { ...summary(customer), shipping_address: customer.shipping_address ?? null },
          orders: await storage.orders.listForUser(customer.user_id, 20),
        };
      },
    );

    app.get(
      '/api/admin/products/:product_id/stock',
      {
        schema: {
          tags: ['admin'],
          summary: 'Units of each variant of a product at every location: online and each store (admin)',
          params: z.object({ product_id: z.string().trim().min(1).max(64) }).strict(),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        const product = await storage.products.get(request.params.product_id);
        if (!product) throw new AppError('NOT_FOUND', `Product ${request.params.product_id} not found.`);
        const stores = new Map((await storage.inventory.stores()).map((s) => [s.store_id, s.name]));
        const variants = new Map(product.variants.map((v) => [v.sku, v]));
        const levels = await storage.inventory.stockForProduct(product.product_id);
        return {
          product: { product_id: product.product_id, name: product.name, price: product.price },
          stock: levels.map((l) => ({
            sku: l.sku,
            color: variants.get(l.sku)?.color ?? null,
            size: variants.get(l.sku)?.size ?? null,
            location_id: l.location_id,
            location:
              stores.get(l.location_id) ?? (l.location_id === ONLINE_LOCATION ? 'Online' : l.location_id),
            quantity: l.quantity,
          })),
        };
      },
    );
  };
