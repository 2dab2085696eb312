import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConversationEvent } from '../domain/types.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import { sseEvent, startEventStream } from '../http/sse.js';

const PAGE = 200;

/** Limits and pace of live streams (see docs/configuration.md). */
export interface StreamSettings {
  /** Streams one customer (a conversation's owner) may hold open at once, over all their conversations. */
  perUser: number;
  /** Streams signed-in customers and guests may hold open at once from one client address. */
  perAddress: number;
  /** Queue streams one operator (an admin id, or local mode) may hold open at once. */
  perOperator: number;
  /** How often an open stream says it is alive and re-reads the store without being told to. */
  recheckMs: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  perUser: 5,
  perAddress: 20,
  perOperator: 10,
  recheckMs: 15_000,
};

/**
 * Where a reconnecting client left off: the `Last-Event-ID` header (EventSource sends it), or
 * `?last_event_id=`; undefined when neither is given.
 */
export function resumeFrom(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  const raw =
    (typeof header === 'string' ? header : undefined) ??
    (request.query as { last_event_id?: string }).last_event_id;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw)) {
    throw new AppError('VALIDATION_FAILED', 'Last-Event-ID must be the id of an event this stream sent.', {
      details: { field: 'last_event_id' },
    });
  }
  return Number(raw);
}

/** What one stream sends: events after `from`, read with `read`; woken by notices of `session_id` (all without). */
export interface StreamSource {
  from: number;
  read: (after: number, limit: number) => Promise<ConversationEvent[]>;
  session_id?: string;
  /** Frees the stream's slots; called once the stream has ended, however it ends. */
  release: () => void;
}

/**
 * Server-Sent Events of conversations (`id`, `event: message|status`, JSON `data`). A stream reads the
 * store when the bus says there is something new, and otherwise only every `recheckMs` with its
 * keep-alive: that re-check is what delivers events whose notice was lost, or that another process
 * wrote while the bus reaches only this one.
 */
export function createEventStreams(bus: EventBus, recheckMs: number) {
  const live = new Set<() => void>();
  let closing = false;
  return {
    /** Streams `source` until the client goes away or the server closes; the reply is hijacked. */
    async serve(request: FastifyRequest, reply: FastifyReply, source: StreamSource): Promise<void> {
      let open = true;
      // Something may be new: set by a notice or the re-check, cleared as the store is read.
      let due = true;
      let resume: (() => void) | undefined;
      const wake = () => {
        due = true;
        resume?.();
      };
      const stop = () => {
        open = false;
        resume?.();
      };
      // Listening before the first read, so nothing written in between goes unheard.
      const unsubscribe = bus.subscribe(
        source.session_id === undefined ? {} : { session_id: source.session_id },
        wake,
      );
      live.add(stop);
      const send = (chunk: string) => open && reply.raw.write(chunk);
      let beat: NodeJS.Timeout | undefined;
      try {
        startEventStream(reply);
        reply.raw.write('retry: 2000\n\n');
        reply.raw.on('close', stop);
        if (closing || reply.raw.destroyed) stop();
        beat = setInterval(() => {
          if (reply.raw.destroyed) return stop();
          send(': keep-alive\n\n');
          wake();
        }, recheckMs);
        let after = source.from;
        while (open) {
          if (!due) await new Promise<void>((resolve) => (resume = resolve));
          resume = undefined;
          due = false;
          while (open) {
            const events = await source.read(after, PAGE);
            for (const e of events) {
              send(sseEvent(e.type, e, e.id));
              after = e.id;
            }
            if (events.length < PAGE) break;
          }
        }
      } catch (error) {
        request.log.error({ err: error }, 'event stream failed');
      } finally {
        clearInterval(beat);
        unsubscribe();
        live.delete(stop);
        source.release();
        reply.raw.end();
      }
    },
    /** Streams open now. */
    open: () => live.size,
    /** Ends every open stream, and any that starts from now on: the server is closing. */
    closeAll() {
      closing = true;
      for (const stop of live) stop();
    },
  };
}
