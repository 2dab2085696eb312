import { EventEmitter } from 'node:events';
import type { EventBus, EventNotice } from './event-bus.js';

const EVERY = 'every';
/** Prefixed, so no session id can be one of EventEmitter's own event names ('error', 'newListener'). */
const topic = (sessionId: string) => `session:${sessionId}`;

/** Notices within this process, through Node's EventEmitter: enough while one instance serves the shop. */
export function createInProcessEventBus(options: { onError?: (error: unknown) => void } = {}): EventBus {
  const emitter = new EventEmitter();
  // One listener per open stream: the stream caps bound them, not EventEmitter's leak warning at 10.
  emitter.setMaxListeners(0);
  return {
    publish(notice) {
      emitter.emit(topic(notice.session_id), notice);
      emitter.emit(EVERY, notice);
    },
    subscribe(filter, listener) {
      const name = filter.session_id === undefined ? EVERY : topic(filter.session_id);
      // A listener's mistake must not reach the writer that published, nor skip the other listeners.
      const guarded = (notice: EventNotice) => {
        try {
          listener(notice);
        } catch (error) {
          options.onError?.(error);
        }
      };
      emitter.on(name, guarded);
      return () => void emitter.off(name, guarded);
    },
  };
}
