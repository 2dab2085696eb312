import type { ConversationStore } from '../storage/ports.js';
import type { EventBus } from './event-bus.js';

/**
 * The conversation store, announcing on `bus` every write that records events (messages appended, a
 * status changed) once it is committed. Wrapped once in the composition root, so every writer - turns,
 * operators, notices, channels - wakes the streams without knowing about them.
 */
export function withEventNotices(store: ConversationStore, bus: EventBus): ConversationStore {
  return {
    ...store,
    async append(sessionId, userId, channel, messages) {
      await store.append(sessionId, userId, channel, messages);
      if (messages.length > 0) bus.publish({ session_id: sessionId });
    },
    async setStatus(input) {
      const head = await store.setStatus(input);
      if (head) bus.publish({ session_id: input.session_id });
      return head;
    },
  };
}
