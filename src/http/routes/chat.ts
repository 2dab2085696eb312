import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SalesEngine } from '../../engine.js';
import { chatRequestSchema, chatResponseSchema } from '../schemas.js';

export const chatRoutes =
  (engine: SalesEngine): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/chat',
      { schema: { body: chatRequestSchema, response: { 200: chatResponseSchema } } },
      async (request) => {
        const { user_id, channel, message, session_id } = request.body;
        const result = await engine.processSalesConversation({
          userId: user_id,
          channel,
          message,
          ...(session_id ? { sessionId: session_id } : {}),
        });
        return { ...result, data: { ...result.data } };
      },
    );
  };
