import { describe, expect, it } from 'vitest';
import type { Storage } from '../ports.js';
import { onFreshStorage, type StorageFactory } from './harness.js';

/** The channels part of the storage contract: every backend runs it through `runStorageContract`. */
export function channelsContract(create: StorageFactory): void {
  describe('channels', () => {
    let storage: Storage;
    onFreshStorage(create, (opened) => (storage = opened));

    it('claims each channel message once, even when copies arrive together', async () => {
      const lease = { owner: 'p1', now: '2026-01-01T00:00:00.000Z', until: '2026-01-01T00:02:00.000Z' };
      const claims = await Promise.all(
        Array.from({ length: 5 }, () =>
          storage.channels.receiveMessage('whatsapp', 'wamid.1', { text: 'hi' }, lease),
        ),
      );
      expect(claims.filter((c) => c === 'new')).toHaveLength(1);
      expect(await storage.channels.receiveMessage('telegram', 'wamid.1', {}, lease)).toBe('new');
      expect(await storage.channels.messageStatus('whatsapp', 'wamid.1')).toBe('received');
      await storage.channels.markMessage('whatsapp', 'wamid.1', 'processed');
      expect(await storage.channels.messageStatus('whatsapp', 'wamid.1')).toBe('processed');
      expect(await storage.channels.messageStatus('sms', 'wamid.1')).toBeNull();
    });

    it("leases unanswered channel messages: a dead owner's are taken over in order, a live one's are not", async () => {
      const at = (minute: number, owner = 'p1') => ({
        owner,
        now: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
        until: new Date(Date.UTC(2026, 0, 1, 0, minute + 2)).toISOString(),
      });
      for (const id of ['m1', 'm2', 'm3']) await storage.channels.receiveMessage('sms', id, { id }, at(0));
      // A redelivery while the lease runs is a duplicate; p2 cannot take it either.
      expect(await storage.channels.receiveMessage('sms', 'm1', { id: 'm1' }, at(1, 'p2'))).toBe('duplicate');
      expect(await storage.channels.leaseMessage('sms', 'm1', at(1, 'p2'))).toBe(false);
      expect(await storage.channels.leaseMessage('sms', 'm1', at(1))).toBe(true);
      expect(await storage.channels.takeAbandoned(at(1, 'p2'), 10)).toEqual([]);
      // p1 answers m1; m2's reply goes in two parts: the first is taken, the second is in flight when p1
      // dies. Past the lease p2 takes m2 (to send its second part again: at least once) and m3.
      await storage.channels.markMessage('sms', 'm1', 'processed');
      expect(await storage.channels.markSending('sms', 'm2', at(1))).toBe(true);
      await storage.channels.markSent('sms', 'm2', 1, false);
      expect(await storage.channels.messageStatus('sms', 'm2')).toBe('received');
      expect(await storage.channels.markSending('sms', 'm2', at(1, 'p2'))).toBe(false);
      expect(await storage.channels.markSending('sms', 'm2', at(1))).toBe(true);
      expect(await storage.channels.messageStatus('sms', 'm2')).toBe('sending');
      expect(await storage.channels.receiveMessage('sms', 'm1', { id: 'm1' }, at(10, 'p2'))).toBe(
        'duplicate',
      );
      const taken = await storage.channels.takeAbandoned(at(10, 'p2'), 10);
      expect(taken).toEqual([
        { channel: 'sms', message_id: 'm2', payload: { id: 'm2' } },
        { channel: 'sms', message_id: 'm3', payload: { id: 'm3' } },
      ]);
      expect(await storage.channels.sentParts('sms', 'm2')).toBe(1);
      expect(await storage.channels.leaseMessage('sms', 'm3', at(11))).toBe(false);
      expect(await storage.channels.markSending('sms', 'm2', at(11))).toBe(false);
      expect(await storage.channels.markSending('sms', 'm2', at(11, 'p2'))).toBe(true);
      await storage.channels.markSent('sms', 'm2', 2, true);
      expect([
        await storage.channels.messageStatus('sms', 'm2'),
        await storage.channels.sentParts('sms', 'm2'),
      ]).toEqual(['processed', 2]);
      expect(await storage.channels.markSending('sms', 'm2', at(11, 'p2'))).toBe(false);
      expect(await storage.channels.sentParts('sms', 'nope')).toBe(0);
      // A redelivery of an unanswered message whose lease ran out is taken, not swallowed.
      await storage.channels.receiveMessage('sms', 'm4', { id: 'm4' }, at(20));
      expect(await storage.channels.receiveMessage('sms', 'm4', { id: 'm4' }, at(30, 'p3'))).toBe('retry');
      expect(await storage.channels.leaseMessage('sms', 'm4', at(30, 'p2'))).toBe(false);
    });

    it('links channel identities to customers', async () => {
      expect(await storage.channels.findIdentity('phone', '+15550001')).toBeNull();
      await storage.channels.linkIdentity('phone', '+15550001', 'u1');
      await storage.channels.linkIdentity('phone', '+15550001', 'u2');
      expect(await storage.channels.findIdentity('phone', '+15550001')).toBe('u2');
      expect(await storage.channels.findIdentity('telegram', '+15550001')).toBeNull();
    });

    it('gives each channel sender one random, unguessable session id', async () => {
      const ids = await Promise.all(
        Array.from({ length: 5 }, () => storage.channels.sessionFor('whatsapp', '15550001')),
      );
      expect(new Set(ids).size).toBe(1);
      const [id] = ids;
      expect(id).toMatch(/^whatsapp-[0-9a-f]{24}$/);
      expect(id).not.toContain('15550001');
      expect(await storage.channels.sessionFor('sms', '15550001')).not.toBe(id);
      expect(await storage.channels.sessionFor('whatsapp', '15550002')).not.toBe(id);
      expect(await storage.channels.sessionFor('whatsapp', '15550001')).toBe(id);
      // And back: whom to write to in that conversation.
      expect(await storage.channels.senderOf(id!)).toEqual({ channel: 'whatsapp', sender: '15550001' });
      expect(await storage.channels.senderOf('web-session')).toBeNull();
    });

    it("renews a sender's session once however many ask at once, and finds one without making it", async () => {
      expect(await storage.channels.existingSession('telegram', '42')).toBeNull();
      const stale = await storage.channels.sessionFor('telegram', '42');
      expect(await storage.channels.existingSession('telegram', '42')).toBe(stale);
      const renewed = await Promise.all(
        Array.from({ length: 3 }, () => storage.channels.renewSession('telegram', '42', stale)),
      );
      expect(new Set(renewed).size).toBe(1);
      expect(renewed[0]).toMatch(/^telegram-[0-9a-f]{24}$/);
      expect(renewed[0]).not.toBe(stale);
      expect(await storage.channels.sessionFor('telegram', '42')).toBe(renewed[0]);
      expect(await storage.channels.senderOf(renewed[0]!)).toEqual({ channel: 'telegram', sender: '42' });
      expect(await storage.channels.senderOf(stale)).toBeNull();
    });

    it('keeps identity codes: counts per identity, customer, address and shop, the newest first, tries and use atomic', async () => {
      const minute = (m: number) => new Date(Date.UTC(2026, 0, 1, 12, m)).toISOString();
      const code = (
        id: string,
        user_id: string,
        value: string,
        m: number,
        ip: string | null = '10.0.0.1',
      ) => ({
        id,
        user_id,
        kind: 'phone' as const,
        value,
        code_hash: `hash-${id}`,
        sent_at: minute(m),
        expires_at: minute(m + 10),
        tries: 0,
        used: false,
        ip,
        last_try_at: null,
      });
      await storage.channels.addVerification(code('v1', 'u1', '+15550007', 0));
      await storage.channels.addVerification(code('v2', 'u1', '+15550007', 30));
      await storage.channels.addVerification(code('v3', 'u2', '+15550007', 40, '10.0.0.2'));
      await storage.channels.addVerification(code('v4', 'u1', '+15550008', 50, null));
      const since = minute(20);
      const sent = storage.channels.verificationsSent.bind(storage.channels);
      expect(await sent({ since, kind: 'phone', value: '+15550007' })).toEqual({
        count: 2,
        oldest: minute(30),
      });
      expect(await sent({ since, user_id: 'u1' })).toEqual({ count: 2, oldest: minute(30) });
      expect(await sent({ since, kind: 'telegram', value: '+15550007' })).toEqual({ count: 0, oldest: null });
      expect(await sent({ since, ip: '10.0.0.1' })).toEqual({ count: 1, oldest: minute(30) });
      expect(await sent({ since, all: true })).toEqual({ count: 3, oldest: minute(30) });
      expect((await storage.channels.latestVerification('u1', 'phone', '+15550007'))?.id).toBe('v2');
      expect(await storage.channels.latestVerification('u3', 'phone', '+15550007')).toBeNull();
      const tries = await Promise.all(
        [1, 2, 3, 4].map((n) => storage.channels.recordTry('v2', minute(31 + n), 3)),
      );
      // Three tries allowed: the fourth is refused and not counted.
      expect(tries.sort()).toEqual([1, 2, 3, null]);
      await storage.channels.recordTry('v3', minute(41), 3);
      const uses = await Promise.all([1, 2].map(() => storage.channels.useVerification('v2')));
      expect(uses.filter(Boolean)).toHaveLength(1);
      expect(await storage.channels.latestVerification('u1', 'phone', '+15550007')).toMatchObject({
        tries: 3,
        used: true,
        ip: '10.0.0.1',
      });
      // Wrong tries: v2's two before the right one, and v3's one; the right one does not count.
      expect(await storage.channels.verificationFailures('phone', '+15550007', minute(0))).toEqual({
        failures: 3,
        last_try_at: minute(41),
      });
      expect(await storage.channels.verificationFailures('phone', '+15550008', minute(0))).toEqual({
        failures: 0,
        last_try_at: null,
      });
    });
  });
}
