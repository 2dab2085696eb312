import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../domain/types.js';
import { createSqliteStorage } from '../storage/sqlite/index.js';
import type { EventNotice } from './event-bus.js';
import { createInProcessEventBus } from './in-process-event-bus.js';
import { withEventNotices } from './notify-on-write.js';

const message = (content: string): ConversationMessage => ({
  role: 'user',
  content,
  timestamp: '2026-12-07T10:00:00.000Z',
  agent_name: null,
  metadata: {},
});

describe('in-process event bus', () => {
  it("tells a conversation's listeners about it, and listeners of every conversation about all", () => {
    const bus = createInProcessEventBus();
    const one: EventNotice[] = [];
    const all: EventNotice[] = [];
    bus.subscribe({ session_id: 's1' }, (n) => one.push(n));
    bus.subscribe({}, (n) => all.push(n));
    bus.publish({ session_id: 's1' });
    bus.publish({ session_id: 's2' });
    expect(one).toEqual([{ session_id: 's1' }]);
    expect(all).toEqual([{ session_id: 's1' }, { session_id: 's2' }]);
  });

  it('stops telling a listener once it unsubscribes, however often that is called', () => {
    const bus = createInProcessEventBus();
    const heard: EventNotice[] = [];
    const stop = bus.subscribe({ session_id: 's1' }, (n) => heard.push(n));
    bus.subscribe({ session_id: 's1' }, () => undefined);
    stop();
    stop();
    bus.publish({ session_id: 's1' });
    expect(heard).toEqual([]);
  });

  it("keeps a listener's mistake from the publisher and the other listeners, and reports it", () => {
    const errors: unknown[] = [];
    const bus = createInProcessEventBus({ onError: (e) => errors.push(e) });
    const heard: string[] = [];
    bus.subscribe({ session_id: 'error' }, () => {
      throw new Error('listener broke');
    });
    bus.subscribe({ session_id: 'error' }, (n) => heard.push(n.session_id));
    // A session named like EventEmitter's own 'error' event is just a session.
    expect(() => bus.publish({ session_id: 'error' })).not.toThrow();
    expect(() => bus.publish({ session_id: 'newListener' })).not.toThrow();
    expect(heard).toEqual(['error']);
    expect(errors).toHaveLength(1);
  });

  it('has room for many more listeners than EventEmitter warns about (one per open stream)', async () => {
    const warnings: Error[] = [];
    const warn = (w: Error) => warnings.push(w);
    process.on('warning', warn);
    const bus = createInProcessEventBus();
    const stops = Array.from({ length: 50 }, () => bus.subscribe({ session_id: 's1' }, () => undefined));
    stops.forEach((stop) => stop());
    // Node emits the warning on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', warn);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});

describe('conversation store that announces its writes', () => {
  it('publishes after messages are stored and after a status change, never for a write that did not happen', async () => {
    const storage = await createSqliteStorage(':memory:');
    const bus = createInProcessEventBus();
    const conversations = withEventNotices(storage.conversations, bus);
    // What a woken stream would find: the events are committed by the time the notice is heard.
    const stored = storage.db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM conversation_events WHERE session_id = ?',
    );
    const heard: [string, number][] = [];
    bus.subscribe({}, (n) => heard.push([n.session_id, stored.get(n.session_id)!.n]));

    await conversations.append('n1', 'u1', 'web', [message('hello'), message('again')]);
    expect(heard).toEqual([['n1', 2]]);

    await conversations.append('n1', 'u1', 'web', []);
    await expect(conversations.append('n1', 'someone-else', 'web', [message('mine?')])).rejects.toThrow();
    const at = '2026-12-07T10:01:00.000Z';
    expect(
      await conversations.setStatus({ session_id: 'n1', to: 'human', from: ['handoff'], at }),
    ).toBeNull();
    expect(heard).toEqual([['n1', 2]]);

    await conversations.setStatus({ session_id: 'n1', to: 'handoff', from: ['bot'], at });
    expect(heard).toEqual([
      ['n1', 2],
      ['n1', 3],
    ]);
    // Everything else is the store's own.
    expect((await conversations.head('n1'))?.status).toBe('handoff');
    await storage.close();
  });
});
