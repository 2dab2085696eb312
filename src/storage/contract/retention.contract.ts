import { Annotation, StateGraph } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import type { StorageBackend } from '../backend.js';
import { userMessage } from './harness.js';

const State = Annotation.Root({
  turns: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
});

/** A graph that counts its turns in its state: what a conversation's checkpoints keep. */
const counter = (backend: StorageBackend) =>
  new StateGraph(State)
    .addNode('count', () => ({ turns: 1 }))
    .addEdge('__start__', 'count')
    .addEdge('count', '__end__')
    .compile({ checkpointer: backend.checkpointer });

const turn = (graph: ReturnType<typeof counter>, thread: string) =>
  graph.invoke({ turns: 0 }, { configurable: { thread_id: thread } });

async function checkpointsOf(backend: StorageBackend, thread: string): Promise<number> {
  let n = 0;
  for await (const _ of backend.checkpointer.list({ configurable: { thread_id: thread } })) n++;
  return n;
}

const OLD = '2026-01-10T10:00:00.000Z';
const CUTOFF = '2026-03-01T00:00:00.000Z';
const RECENT = '2026-06-01T10:00:00.000Z';

/**
 * What every backend's retention sweep does: keeps the newest checkpoints of each conversation (and so its
 * state), drops all of those idle past the cutoff (not their transcript) and stream events older than it.
 */
export function retentionContract(name: string, open: () => Promise<StorageBackend>): void {
  describe(`${name} retention`, () => {
    it('keeps what the next turn needs, drops idle state and old events, and nothing more when run again', async () => {
      const backend = await open();
      const { storage } = backend;
      try {
        const graph = counter(backend);
        for (let i = 0; i < 5; i++) await turn(graph, 'active');
        for (let i = 0; i < 3; i++) await turn(graph, 'idle');
        await storage.conversations.append('idle', 'u-idle', 'web', [userMessage('hello', OLD)]);
        await storage.conversations.append('active', 'u-active', 'web', [userMessage('old question', OLD)]);
        await storage.conversations.append('active', 'u-active', 'web', [
          userMessage('new question', RECENT),
        ]);
        const eventsBefore = await storage.conversations.events({ after: 0, session_id: 'active' });
        expect(await checkpointsOf(backend, 'active')).toBeGreaterThan(2);

        const policy = { keep_checkpoints: 2, idle_before: CUTOFF, events_before: CUTOFF };
        const report = await backend.prune(policy);

        expect(await checkpointsOf(backend, 'active')).toBe(2);
        expect(await checkpointsOf(backend, 'idle')).toBe(0);
        expect(report.idle_conversations).toBe(1);
        expect(report.checkpoints).toBeGreaterThan(0);
        expect(await backend.prune(policy)).toEqual({ checkpoints: 0, idle_conversations: 0, events: 0 });
        // The active conversation goes on from its state; the idle one starts afresh, its transcript kept.
        expect((await turn(graph, 'active')).turns).toBe(6);
        expect((await turn(graph, 'idle')).turns).toBe(1);
        expect((await storage.conversations.get('idle'))?.messages.map((m) => m.content)).toEqual(['hello']);
        const eventsAfter = await storage.conversations.events({ after: 0, session_id: 'active' });
        expect(eventsAfter.length).toBeLessThan(eventsBefore.length);
        expect(eventsAfter.every((e) => e.at >= CUTOFF)).toBe(true);
        expect(report.events).toBe(eventsBefore.length - eventsAfter.length + 1);
      } finally {
        await storage.close();
      }
    });
  });
}
