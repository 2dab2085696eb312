import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { assertActsFor } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { conversationParamsSchema, conversationQuerySchema, errorSchema, structured } from '../schemas.js';

export const conversationRoutes =
  ({ storage }: AppDeps): FastifyPluginAsyncZod =>
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
        const log = await storage.conversations.get(request.params.session_id, request.query.limit);
        if (!log) throw new AppError('NOT_FOUND', `Conversation ${request.params.session_id} not found.`);
        assertActsFor(request, log.user_id);
        return { ...log };
      },
    );
  };
