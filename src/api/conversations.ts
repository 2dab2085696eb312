import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conversationNotFound } from '../storage/errors.js';
import { mayActFor } from '../http/auth.js';
import type { Storage } from '../storage/ports.js';
import {
  conversationParamsSchema,
  conversationQuerySchema,
  errorSchema,
  structured,
} from '../http/schemas.js';

export const conversationRoutes =
  ({ storage }: { storage: Pick<Storage, 'conversations'> }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/conversations/:session_id',
      {
        schema: {
          tags: ['chat'],
          summary: "A conversation's transcript, newest messages last",
          params: conversationParamsSchema,
          querystring: conversationQuerySchema,
          response: { 200: structured, 404: errorSchema },
        },
      },
      async (request) => {
        const { session_id } = request.params;
        const log = await storage.conversations.get(session_id, request.query.limit);
        // Another customer's conversation is answered exactly like one that does not exist.
        if (!log || !mayActFor(request, log.user_id)) throw conversationNotFound(session_id);
        return { ...log };
      },
    );
  };
