import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ConversationInput } from '../../engine.js';
import { actorOf, assertActsFor, customerAddressOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { toErrorBody } from '../errors.js';
import { chatRequestSchema, chatResponseSchema, errorSchema } from '../schemas.js';
import { sseEvent as sse, startEventStream } from '../sse.js';

type ChatBody = {
  user_id: string;
  channel: ConversationInput['channel'];
  message: string;
  session_id?: string | undefined;
};

const toInput = (
  { user_id, channel, message, session_id }: ChatBody,
  request: FastifyRequest,
): ConversationInput => ({
  userId: user_id,
  channel,
  message,
  actor: actorOf(request),
  ...(customerAddressOf(request) ? { clientAddress: customerAddressOf(request) } : {}),
  ...(session_id ? { sessionId: session_id, existingOnly: true } : {}),
});

export const chatRoutes =
  ({ engine }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/chat',
      {
        schema: {
          tags: ['chat'],
          summary: 'One turn of a sales conversation',
          body: chatRequestSchema,
          response: { 200: chatResponseSchema, 400: errorSchema, 403: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        assertActsFor(request, request.body.user_id);
        const result = await engine.processSalesConversation(toInput(request.body, request));
        return { ...result, data: { ...result.data } };
      },
    );

    app.post(
      '/api/chat/stream',
      {
        schema: {
          tags: ['chat'],
          summary:
            'One turn as Server-Sent Events: `progress` per finished step, `token` for each checked piece of a model-written reply, `reset` if that text was replaced, then `response` (or `error`)',
          body: chatRequestSchema,
        },
      },
      async (request, reply) => {
        assertActsFor(request, request.body.user_id);
        startEventStream(reply);
        try {
          const result = await engine.streamSalesConversation(
            toInput(request.body, request),
            ({ kind, ...data }) => {
              reply.raw.write(sse(kind, data));
            },
          );
          reply.raw.write(sse('response', result));
        } catch (error) {
          const { body } = toErrorBody(error, request);
          reply.raw.write(sse('error', body));
        }
        reply.raw.end();
      },
    );
  };
