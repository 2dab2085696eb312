import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminListFilter, adminListQuery } from '../http/admin-list.js';
import { actorOf, assertAdmin, mayActFor } from '../http/auth.js';
import type { EventBus } from '../events/event-bus.js';
import type { Storage } from '../storage/ports.js';
import type { HandoffService } from './handoff-service.js';
import { errorSchema, structured } from '../http/schemas.js';
import { conversationNotFound } from '../storage/errors.js';
import { sessionIdSchema } from '../validation.js';
import { createEventStreams, resumeFrom, type StreamSettings } from './event-stream.js';
import { createStreamSlots, RETRY_AFTER_SECONDS, type SlotClaim } from './stream-slots.js';

const params = z.object({ session_id: sessionIdSchema }).strict();
const answers = {
  200: structured,
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
};

/** What the handoff routes use. */
export interface HandoffRouteDeps {
  agents: { handoff: HandoffService };
  storage: Pick<Storage, 'conversations'>;
  /** Wakes live conversation streams when events are written. */
  events: EventBus;
  /** Caps and pace of live conversation streams. */
  streams: StreamSettings;
}

/**
 * The operator's side of human handoff (admin role; open on loopback in local-only mode): the queue of
 * conversations waiting for a person, a conversation with its transcript, and claiming, answering and
 * releasing one. The operator is the caller (`admin:<id>`, or `local`).
 */
export const handoffRoutes =
  ({ agents, storage, events, streams: limits }: HandoffRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const streams = createEventStreams(events, limits.recheckMs);
    const slots = createStreamSlots();
    // Open streams end when the server closes, rather than holding it open. preClose runs before the
    // server waits for open connections; onClose would wait for these streams.
    app.addHook('preClose', async () => streams.closeAll());
    /**
     * A slot under every claim, or 429 before the reply is taken over. A customer's sixth tab is refused
     * rather than the first closed: a closed tab reconnects and would close the next, round and round,
     * and one sharing an address could close other people's. Every tab still chats; the refused one
     * asks again after Retry-After, so it follows live once another tab closes.
     */
    const slotFor = (reply: FastifyReply, claims: SlotClaim[]) => {
      try {
        return slots.take(claims);
      } catch (error) {
        void reply.header('retry-after', RETRY_AFTER_SECONDS);
        throw error;
      }
    };

    app.get(
      '/api/conversations/:session_id/events',
      {
        schema: {
          tags: ['chat'],
          summary:
            "Server-Sent Events of one conversation: every new message (the operator's included) and status change; resumable with Last-Event-ID (owner only; 429 past the customer's or the address's open streams)",
          params,
          querystring: z.object({ last_event_id: z.string().max(20).optional() }).strict(),
        },
      },
      async (request, reply) => {
        const { session_id } = request.params;
        const head = await storage.conversations.head(session_id);
        // Another customer's conversation is answered exactly like one that does not exist.
        if (!head || !mayActFor(request, head.user_id)) throw conversationNotFound(session_id);
        const from = resumeFrom(request) ?? 0;
        // Per address only for customers and guests: staff, shop servers (API keys) and local mode act
        // for many customers, each counted as that customer.
        const release = slotFor(reply, [
          { key: `user:${head.user_id}`, limit: limits.perUser, whose: 'for this customer' },
          ...(request.principal.kind === 'customer'
            ? [{ key: `address:${request.ip}`, limit: limits.perAddress, whose: 'from this address' }]
            : []),
        ]);
        await streams.serve(request, reply, {
          from,
          session_id,
          read: (after, limit) => storage.conversations.events({ session_id, after, limit }),
          release,
        });
      },
    );

    app.get(
      '/api/admin/conversations/events',
      {
        schema: {
          tags: ['admin'],
          summary:
            "Server-Sent Events for operators: every status change (new handoffs, claims, releases) and the messages of conversations waiting for or with a person; resumable with Last-Event-ID (429 past the operator's open streams)",
          querystring: z.object({ last_event_id: z.string().max(20).optional() }).strict(),
        },
      },
      async (request, reply) => {
        assertAdmin(request);
        // A console loads the queue with GET /api/admin/conversations, then follows what happens next.
        const from = resumeFrom(request) ?? (await storage.conversations.lastEventId());
        const release = slotFor(reply, [
          { key: `operator:${actorOf(request)}`, limit: limits.perOperator, whose: 'for this operator' },
        ]);
        await streams.serve(request, reply, {
          from,
          read: (after, limit) => storage.conversations.events({ after, limit }),
          release,
        });
      },
    );

    app.get(
      '/api/admin/conversations',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Conversations by status: `handoff` (waiting for a person, longest first), `human`, `bot`, `closed`',
          querystring: adminListQuery(['bot', 'handoff', 'human', 'closed']),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        return { conversations: await storage.conversations.list(adminListFilter(request.query)) };
      },
    );

    app.get(
      '/api/admin/conversations/:session_id',
      {
        schema: {
          tags: ['admin'],
          summary: 'A conversation with its whole transcript',
          params,
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        const log = await storage.conversations.get(request.params.session_id);
        if (!log) throw conversationNotFound(request.params.session_id);
        return { conversation: log };
      },
    );

    app.post(
      '/api/admin/conversations/:session_id/claim',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Take a conversation: the assistant goes quiet and the caller answers (409 when another operator has it, unless `take_over`)',
          params,
          body: z.object({ take_over: z.boolean().optional() }).strict().nullish(),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        const takeOver = request.body?.take_over === true;
        return {
          conversation: await agents.handoff.claim(request.params.session_id, actorOf(request), {
            take_over: takeOver,
          }),
        };
      },
    );

    app.post(
      '/api/admin/conversations/:session_id/messages',
      {
        schema: {
          tags: ['admin'],
          summary:
            "Answer the customer: kept in the transcript as the operator's and sent on their channel (WhatsApp, Telegram, SMS)",
          params,
          body: z.object({ text: z.string().trim().min(1).max(4000) }).strict(),
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        return agents.handoff.reply(request.params.session_id, actorOf(request), request.body.text);
      },
    );

    app.post(
      '/api/admin/conversations/:session_id/release',
      {
        schema: {
          tags: ['admin'],
          summary: 'Give the conversation back to the assistant',
          params,
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        return { conversation: await agents.handoff.release(request.params.session_id, actorOf(request)) };
      },
    );

    app.post(
      '/api/admin/conversations/:session_id/close',
      {
        schema: {
          tags: ['admin'],
          summary: "Close the conversation; the customer's next message opens it again with the assistant",
          params,
          response: answers,
        },
      },
      async (request) => {
        assertAdmin(request);
        return { conversation: await agents.handoff.close(request.params.session_id, actorOf(request)) };
      },
    );
  };
