import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newCustomer } from '../../domain/customer.js';
import { userIdSchema } from '../../validation.js';
import { assertActsFor } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { errorSchema } from '../schemas.js';

export const linkIdentitySchema = z.discriminatedUnion('kind', [
  z
    .object({
      user_id: userIdSchema,
      kind: z.literal('phone'),
      value: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number like +15551234567'),
    })
    .strict(),
  z
    .object({
      user_id: userIdSchema,
      kind: z.literal('telegram'),
      value: z.string().regex(/^-?\d{1,20}$/, 'must be a Telegram chat id'),
    })
    .strict(),
]);

export const identityRoutes =
  ({ storage }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/identities',
      {
        schema: {
          tags: ['channels'],
          summary: 'Link a phone number or Telegram chat to a customer, so every channel shares one cart',
          body: linkIdentitySchema,
          response: { 200: linkIdentitySchema, 400: errorSchema, 403: errorSchema },
        },
      },
      async (request) => {
        const { user_id, kind, value } = request.body;
        assertActsFor(request, user_id);
        await storage.customers.ensure(user_id, () => newCustomer(user_id));
        await storage.channels.linkIdentity(kind, value, user_id);
        return { user_id, kind, value };
      },
    );
  };
