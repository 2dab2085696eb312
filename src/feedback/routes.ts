import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertAdmin, mayActFor } from '../http/auth.js';
import type { Storage } from '../storage/ports.js';
import type { FeedbackService } from './feedback-service.js';
import { errorSchema, structured } from '../http/schemas.js';
import { conversationNotFound } from '../storage/errors.js';
import { sessionIdSchema } from '../validation.js';

const answers = { 200: structured, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

/** What the feedback routes use. */
export interface FeedbackRouteDeps {
  agents: { feedback: FeedbackService };
  storage: Pick<Storage, 'conversations'>;
}

/**
 * Feedback: a customer rates a conversation (the web chat's thumbs or stars), and operators read what
 * customers thought - ratings and the feedback they wrote in conversation - unhappy ones first to hand.
 */
export const feedbackRoutes =
  ({ agents, storage }: FeedbackRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/conversations/:session_id/feedback',
      {
        schema: {
          tags: ['chat'],
          summary: 'Rate a conversation from 1 to 5, with an optional comment (owner only)',
          params: z.object({ session_id: sessionIdSchema }).strict(),
          body: z
            .object({
              rating: z.number().int().min(1).max(5),
              comment: z.string().trim().min(1).max(2000).optional(),
            })
            .strict(),
          response: { ...answers, 201: structured },
        },
      },
      async (request, reply) => {
        const { session_id } = request.params;
        const head = await storage.conversations.head(session_id);
        if (!head || !mayActFor(request, head.user_id)) throw conversationNotFound(session_id);
        const feedback = await agents.feedback.give({
          user_id: head.user_id,
          session_id,
          channel: head.channel,
          source: 'rating',
          rating: request.body.rating,
          text: request.body.comment ?? null,
        });
        return reply.code(201).send({ feedback });
      },
    );

    app.get(
      '/api/admin/feedback',
      {
        schema: {
          tags: ['admin'],
          summary:
            'What customers thought, newest first: ratings and feedback given in conversation; `max_rating` keeps the unhappy ones (admin)',
          querystring: z
            .object({
              max_rating: z.coerce.number().int().min(1).max(5).optional(),
              user_id: z.string().trim().min(1).max(128).optional(),
              limit: z.coerce.number().int().min(1).max(200).optional(),
            })
            .strict(),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        const { max_rating, user_id, limit } = request.query;
        return {
          feedback: await agents.feedback.list({
            ...(max_rating !== undefined ? { max_rating } : {}),
            ...(user_id ? { user_id } : {}),
            limit: limit ?? 50,
          }),
        };
      },
    );
  };
