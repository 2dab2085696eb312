import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import { assertActsFor } from '../http/auth.js';
import { errorSchema } from '../http/schemas.js';
import { userIdSchema } from '../validation.js';
import type { WishlistService } from './wishlist-service.js';

/** What the wishlist routes use. */
export interface WishlistRouteDeps {
  agents: { wishlist: WishlistService };
}

const params = z.object({ user_id: userIdSchema });
const itemParams = params.extend({ product_id: z.string().trim().min(1).max(100) });
const entry = z.object({
  product_id: z.string(),
  name: z.string(),
  price: z.number(),
  in_stock: z.boolean(),
  saved_at: z.string(),
});
const saved = z.object({
  status: z.enum(['saved', 'already']),
  product: z.object({ product_id: z.string(), name: z.string(), price: z.number() }),
});

/** A customer's saved products: the same list the assistant keeps when they say "save it for later". */
export const wishlistRoutes =
  ({ agents }: WishlistRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/wishlist/:user_id',
      {
        schema: {
          tags: ['wishlist'],
          summary: "A customer's saved products, most recent first, priced today",
          params,
          response: { 200: z.object({ user_id: z.string(), items: z.array(entry) }), 400: errorSchema },
        },
      },
      async (request) => {
        const { user_id } = request.params;
        assertActsFor(request, user_id);
        return { user_id, items: await agents.wishlist.list(user_id) };
      },
    );

    app.put(
      '/api/wishlist/:user_id/:product_id',
      {
        schema: {
          tags: ['wishlist'],
          summary: 'Saves a product for later (saving it again keeps the first date)',
          params: itemParams,
          response: { 200: saved, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const { user_id, product_id } = request.params;
        assertActsFor(request, user_id);
        const result = await agents.wishlist.save(user_id, product_id);
        if (result.status === 'not_found')
          throw new AppError('NOT_FOUND', `Product ${product_id} is not sold.`, {
            details: { field: 'params.product_id' },
          });
        return result;
      },
    );

    app.delete(
      '/api/wishlist/:user_id/:product_id',
      {
        schema: {
          tags: ['wishlist'],
          summary: 'Takes a product off the list (removing it twice is harmless)',
          params: itemParams,
          response: { 204: z.null(), 400: errorSchema },
        },
      },
      async (request, reply) => {
        const { user_id, product_id } = request.params;
        assertActsFor(request, user_id);
        await agents.wishlist.remove(user_id, product_id);
        return reply.status(204).send(null);
      },
    );
  };
