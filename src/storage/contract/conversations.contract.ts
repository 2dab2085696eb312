import { describe, expect, it } from 'vitest';
import type { Storage } from '../ports.js';
import { onFreshStorage, type StorageFactory, userMessage } from './harness.js';

/** The conversations part of the storage contract: every backend runs it through `runStorageContract`. */
export function conversationsContract(create: StorageFactory): void {
  describe('conversations', () => {
    let storage: Storage;
    onFreshStorage(create, (opened) => (storage = opened));

    it('appends conversation messages and returns the newest', async () => {
      const msg = userMessage;
      await storage.conversations.append('s1', 'u1', 'web', [msg('a'), msg('b')]);
      await storage.conversations.append('s1', 'u1', 'web', [msg('c')]);
      expect((await storage.conversations.get('s1'))?.messages.map((m) => m.content)).toEqual([
        'a',
        'b',
        'c',
      ]);
      expect((await storage.conversations.get('s1', 2))?.messages.map((m) => m.content)).toEqual(['b', 'c']);
      expect(await storage.conversations.get('missing')).toBeNull();
    });

    it("keeps a conversation its first user's: another user's append is refused as not found", async () => {
      const msg = userMessage('x');
      await storage.conversations.append('owned', 'u1', 'web', [msg]);
      expect(await storage.conversations.ownerOf('owned')).toBe('u1');
      expect(await storage.conversations.ownerOf('nobody')).toBeNull();
      await expect(storage.conversations.append('owned', 'u2', 'web', [msg])).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      const log = await storage.conversations.get('owned');
      expect(log?.user_id).toBe('u1');
      expect(log?.messages).toHaveLength(1);
    });

    it('hands a conversation over only from the user who has it', async () => {
      const msg = userMessage('x');
      await storage.conversations.append('handed', 'phone:+15550001', 'whatsapp', [msg]);
      expect(await storage.conversations.transfer('handed', 'u9', 'u2')).toBe(false);
      expect(await storage.conversations.transfer('missing', 'phone:+15550001', 'u2')).toBe(false);
      expect(await storage.conversations.transfer('handed', 'phone:+15550001', 'u2')).toBe(true);
      expect(await storage.conversations.transfer('handed', 'phone:+15550001', 'u3')).toBe(false);
      expect(await storage.conversations.ownerOf('handed')).toBe('u2');
      await storage.conversations.append('handed', 'u2', 'whatsapp', [msg]);
      expect((await storage.conversations.get('handed'))?.messages).toHaveLength(2);
    });

    it('moves a conversation between the assistant and people, only from where it stands', async () => {
      const msg = userMessage('x', '2026-11-30T10:00:00.000Z');
      await storage.conversations.append('h1', 'u1', 'web', [msg]);
      await storage.conversations.append('h2', 'u2', 'whatsapp', [msg]);
      expect(await storage.conversations.head('h1')).toMatchObject({ status: 'bot', operator: null });
      const at = (m: number) => `2026-11-30T10:0${m}:00.000Z`;
      const asked = await storage.conversations.setStatus({
        session_id: 'h1',
        to: 'handoff',
        from: ['bot'],
        at: at(1),
        reason: 'asked',
      });
      expect(asked).toMatchObject({ status: 'handoff', status_at: at(1), handoff_reason: 'asked' });
      await storage.conversations.setStatus({
        session_id: 'h2',
        to: 'handoff',
        from: ['bot'],
        at: at(2),
        reason: 'complaint',
      });
      // The longest waiting first.
      expect((await storage.conversations.list({ status: 'handoff' })).map((c) => c.session_id)).toEqual([
        'h1',
        'h2',
      ]);
      // Two operators claim at once: one wins.
      const claims = await Promise.all(
        ['op1', 'op2'].map((operator) =>
          storage.conversations.setStatus({
            session_id: 'h1',
            to: 'human',
            from: ['handoff'],
            at: at(3),
            operator,
          }),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await storage.conversations.head('h1'))?.handoff_reason).toBe('asked');
      const released = await storage.conversations.setStatus({
        session_id: 'h1',
        to: 'bot',
        from: ['human'],
        at: at(4),
      });
      expect(released).toMatchObject({ status: 'bot', operator: null, handoff_reason: null });
      expect(
        await storage.conversations.setStatus({ session_id: 'h1', to: 'bot', from: ['human'], at: at(5) }),
      ).toBeNull();
      expect(
        await storage.conversations.setStatus({
          session_id: 'nope',
          to: 'handoff',
          from: ['bot'],
          at: at(5),
        }),
      ).toBeNull();
      expect((await storage.conversations.list({ status: 'handoff' })).map((c) => c.session_id)).toEqual([
        'h2',
      ]);
    });

    it('counts conversations per status', async () => {
      expect(await storage.conversations.countByStatus()).toEqual([]);
      const msg = userMessage('x', '2026-11-30T10:00:00.000Z');
      for (const id of ['c1', 'c2', 'c3', 'c4']) await storage.conversations.append(id, 'u1', 'web', [msg]);
      for (const id of ['c2', 'c3'])
        await storage.conversations.setStatus({
          session_id: id,
          to: 'handoff',
          from: ['bot'],
          at: msg.timestamp,
        });
      await storage.conversations.setStatus({
        session_id: 'c3',
        to: 'human',
        from: ['handoff'],
        at: msg.timestamp,
      });
      const counts = await storage.conversations.countByStatus();
      expect([...counts].sort((a, b) => a.status.localeCompare(b.status))).toEqual([
        { status: 'bot', count: 2 },
        { status: 'handoff', count: 1 },
        { status: 'human', count: 1 },
      ]);
    });

    it('records every message and status change as numbered events, to resume a stream after any of them', async () => {
      const msg = (content: string) => userMessage(content, '2026-11-30T11:00:00.000Z');
      await storage.conversations.append('e1', 'u1', 'web', [msg('a'), msg('b')]);
      await storage.conversations.append('e2', 'u2', 'web', [msg('other')]);
      await storage.conversations.setStatus({
        session_id: 'e1',
        to: 'handoff',
        from: ['bot'],
        at: '2026-11-30T11:01:00.000Z',
        reason: 'asked',
      });
      await storage.conversations.append('e1', 'u1', 'web', [msg('c')]);
      const all = await storage.conversations.events({ session_id: 'e1', after: 0 });
      expect(all.map((e) => (e.type === 'message' ? e.data.content : e.data.status))).toEqual([
        'a',
        'b',
        'handoff',
        'c',
      ]);
      expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((x, y) => x - y));
      const rest = await storage.conversations.events({ session_id: 'e1', after: all[1]!.id });
      expect(rest.map((e) => e.type)).toEqual(['status', 'message']);
      // The operators' queue: status changes everywhere, messages only where a person is wanted.
      const queue = await storage.conversations.events({ after: 0 });
      expect(queue.every((e) => e.session_id === 'e1')).toBe(true);
      expect(queue.map((e) => e.type)).toContain('status');
    });
  });
}
