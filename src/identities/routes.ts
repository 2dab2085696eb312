import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, assertActsFor, assertAdmin, customerAddressOf } from '../http/auth.js';
import type { IdentityCodes } from './identity-codes.js';
import { errorSchema } from '../http/schemas.js';
import { userIdSchema } from '../validation.js';

const identityFields = {
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number like +15551234567'),
  telegram: z.string().regex(/^-?\d{1,20}$/, 'must be a Telegram chat id'),
};

const identity = <T extends z.ZodRawShape>(extra: T) =>
  z.discriminatedUnion('kind', [
    z
      .object({ user_id: userIdSchema, kind: z.literal('phone'), value: identityFields.phone, ...extra })
      .strict(),
    z
      .object({
        user_id: userIdSchema,
        kind: z.literal('telegram'),
        value: identityFields.telegram,
        ...extra,
      })
      .strict(),
  ]);

export const linkIdentitySchema = identity({});
export const confirmIdentitySchema = identity({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6 digits that were sent'),
});

const linkResponseSchema = z.object({
  user_id: z.string(),
  kind: z.enum(['phone', 'telegram']),
  value: z.string(),
  status: z.enum(['code_sent', 'linked']),
  /** Where the code went. */
  channel: z.enum(['sms', 'whatsapp', 'telegram']).optional(),
  expires_at: z.string().optional(),
  /** Admin moves: who had it before (null when nobody). */
  previous_user_id: z.string().nullable().optional(),
});

export const identityRoutes =
  ({ identities }: { identities: IdentityCodes }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/identities',
      {
        schema: {
          tags: ['channels'],
          summary:
            'Start linking a phone number or Telegram chat to a customer: a 6-digit code is sent over that channel (valid 10 minutes; limited per number or chat, customer, address and shop: 429 says which and when to retry)',
          body: linkIdentitySchema,
          response: {
            200: linkResponseSchema,
            202: linkResponseSchema,
            400: errorSchema,
            403: errorSchema,
            429: errorSchema,
            503: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const { user_id, kind, value } = request.body;
        assertActsFor(request, user_id);
        const result = await identities.start(user_id, kind, value, {
          ip: customerAddressOf(request) ?? null,
        });
        return reply.status(result.status === 'linked' ? 200 : 202).send({ user_id, kind, value, ...result });
      },
    );

    app.post(
      '/api/identities/confirm',
      {
        schema: {
          tags: ['channels'],
          summary: 'Finish linking with the code that was sent (5 tries); then every channel shares one cart',
          body: confirmIdentitySchema,
          response: { 200: linkResponseSchema, 400: errorSchema, 403: errorSchema, 409: errorSchema },
        },
      },
      async (request) => {
        const { user_id, kind, value, code } = request.body;
        assertActsFor(request, user_id);
        await identities.confirm(user_id, kind, value, code, actorOf(request));
        return { user_id, kind, value, status: 'linked' as const };
      },
    );

    app.post(
      '/api/admin/identities',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Link or move a phone number or Telegram chat to a customer without a code (admin; audited)',
          body: linkIdentitySchema,
          response: { 200: linkResponseSchema, 403: errorSchema },
        },
      },
      async (request) => {
        assertAdmin(request);
        const { user_id, kind, value } = request.body;
        const { previous } = await identities.assign(user_id, kind, value, actorOf(request));
        return { user_id, kind, value, status: 'linked' as const, previous_user_id: previous };
      },
    );
  };
