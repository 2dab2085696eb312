import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { expandCategory } from '../domain/catalogue.js';
import { newCustomer } from '../domain/customer.js';
import { AppError } from '../errors.js';
import { assertActsFor } from '../http/auth.js';
import type { Clock } from '../domain/clock.js';
import type { Agents } from '../flows/agents.js';
import type { Storage } from '../storage/ports.js';
import {
  errorSchema,
  inventoryRequestSchema,
  productParamsSchema,
  productSearchSchema,
  recommendationsRequestSchema,
  structured,
} from '../http/schemas.js';

const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);

/** What the catalogue routes use. */
export interface CatalogueRouteDeps {
  agents: Pick<Agents, 'inventory' | 'recommendation'>;
  storage: Pick<Storage, 'customers' | 'products'>;
  now: Clock;
}

export const catalogueRoutes =
  ({ agents, storage, now }: CatalogueRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/recommendations',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Personalised recommendations for a customer, with optional filters',
          body: recommendationsRequestSchema,
          response: { 200: structured, 400: errorSchema },
        },
      },
      async (request) => {
        const { user_id, category, query, limit, ...filters } = request.body;
        assertActsFor(request, user_id);
        const customer = await storage.customers.ensure(user_id, () =>
          newCustomer(user_id, {}, now().toISOString()),
        );
        const found = await agents.recommendation.recommend({
          customer,
          limit,
          filters: {
            ...filters,
            ...(category ? { categories: expandCategory(category) } : {}),
            ...(query ? { text: query } : {}),
          },
        });
        return { user_id, ...found };
      },
    );

    app.post(
      '/api/inventory/check',
      {
        schema: {
          tags: ['catalogue'],
          summary: 'Stock per variant, nearby stores and fulfilment options for a product',
          body: inventoryRequestSchema,
          response: { 200: structured, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const { user_id, location, ...query } = request.body;
        if (user_id) assertActsFor(request, user_id);
        const customer = user_id ? await storage.customers.get(user_id) : null;
        const availability = await agents.inventory.check({
          ...query,
          location: location ?? customer?.location ?? null,
        });
        if (!availability) throw notFound(`Product ${query.product_id}`);
        return { ...availability };
      },
    );

    app.get(
      '/api/products/:id',
      {
        config: { public: true },
        schema: {
          tags: ['catalogue'],
          summary: 'One product with its variants and stock',
          params: productParamsSchema,
          response: { 200: structured, 404: errorSchema },
        },
      },
      async (request) => {
        const product = await agents.recommendation.details(request.params.id);
        if (!product) throw notFound(`Product ${request.params.id}`);
        return { ...product };
      },
    );

    app.get(
      '/api/products',
      {
        config: { public: true },
        schema: {
          tags: ['catalogue'],
          summary: 'Search the catalogue by text and filters',
          querystring: productSearchSchema,
          response: { 200: structured, 400: errorSchema },
        },
      },
      async (request) => {
        const { q, in_stock, ...filters } = request.query;
        const products = await storage.products.search({
          ...filters,
          text: q,
          in_stock_only: in_stock === 'true',
        });
        return { count: products.length, products };
      },
    );
  };
