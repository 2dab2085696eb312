import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerNotices } from '../notices/customer-notices.js';
import type { Storage } from '../storage/ports.js';
import { createSqliteStorage } from '../storage/sqlite/index.js';
import { createHandoffService } from './handoff-service.js';

describe("WhatsApp's 24-hour window for operator replies", () => {
  let storage: Storage;
  const told: string[] = [];
  const notices: CustomerNotices = {
    tell: async (_session, text) => {
      told.push(text);
      return 'sent';
    },
  };
  beforeEach(async () => {
    storage = await createSqliteStorage(':memory:');
    told.length = 0;
    await storage.conversations.append('wa-1', 'phone:+15551234567', 'whatsapp', [
      {
        role: 'user',
        content: 'I need a person',
        timestamp: '2026-11-29T10:00:00.000Z',
        agent_name: null,
        metadata: {},
      },
    ]);
    await storage.conversations.setStatus({
      session_id: 'wa-1',
      to: 'human',
      from: ['bot'],
      at: '2026-11-29T10:05:00.000Z',
      operator: 'admin:ana',
    });
  });
  afterEach(() => storage.close());

  const at = (iso: string) =>
    createHandoffService(storage, notices, { shopName: 'Bayside Goods', now: () => new Date(iso) });

  it('sends within 24 hours of the customer last writing', async () => {
    expect(await at('2026-11-30T09:59:00.000Z').reply('wa-1', 'admin:ana', 'Hello!')).toEqual({
      delivery: 'sent',
    });
    expect(told).toEqual(['Hello!']);
  });

  it('refuses after 24 hours, saying why, and sends nothing', async () => {
    await expect(at('2026-11-30T10:01:00.000Z').reply('wa-1', 'admin:ana', 'Hello!')).rejects.toMatchObject({
      code: 'CHANNEL_WINDOW_CLOSED',
      message: expect.stringMatching(
        /more than 24 hours ago; WhatsApp only lets a business reply with an approved template/,
      ),
    });
    expect(told).toEqual([]);
  });

  it("counts from the latest customer message, not the operator's", async () => {
    await storage.conversations.append('wa-1', 'phone:+15551234567', 'whatsapp', [
      {
        role: 'user',
        content: 'still there?',
        timestamp: '2026-11-30T08:00:00.000Z',
        agent_name: null,
        metadata: {},
      },
      {
        role: 'assistant',
        content: 'yes',
        timestamp: '2026-11-30T09:00:00.000Z',
        agent_name: 'operator:admin:ana',
        metadata: {},
      },
    ]);
    expect(await at('2026-12-01T07:59:00.000Z').reply('wa-1', 'admin:ana', 'Update')).toEqual({
      delivery: 'sent',
    });
    await expect(at('2026-12-01T08:01:00.000Z').reply('wa-1', 'admin:ana', 'Update')).rejects.toMatchObject({
      code: 'CHANNEL_WINDOW_CLOSED',
    });
  });
});

describe('a handoff nobody takes in time', () => {
  let storage: Storage;
  const told: { session: string; text: string }[] = [];
  const notices: CustomerNotices = {
    tell: async (session, text) => {
      told.push({ session, text });
      return 'stored';
    },
  };
  beforeEach(async () => {
    storage = await createSqliteStorage(':memory:');
    told.length = 0;
    await storage.conversations.append('t-1', 'u1', 'web', [
      {
        role: 'user',
        content: 'a person please',
        timestamp: '2026-11-30T10:00:00.000Z',
        agent_name: null,
        metadata: {},
      },
    ]);
    await storage.conversations.setStatus({
      session_id: 't-1',
      to: 'handoff',
      from: ['bot'],
      at: '2026-11-30T10:00:00.000Z',
    });
  });
  afterEach(() => storage.close());

  const at = (iso: string) =>
    createHandoffService(storage, notices, {
      shopName: 'Bayside Goods',
      timeoutMinutes: 15,
      contact: 'You can email help@bayside.example.',
      now: () => new Date(iso),
    });

  it('becomes an open ticket once, after the timeout, and the customer is told once', async () => {
    expect(await at('2026-11-30T10:14:00.000Z').ticketOverdue()).toBe(0);
    // Two instances sweep at once: one tells the customer.
    const swept = await Promise.all([
      at('2026-11-30T10:16:00.000Z').ticketOverdue(),
      at('2026-11-30T10:16:00.000Z').ticketOverdue(),
    ]);
    expect(swept[0] + swept[1]).toBe(1);
    expect(told).toEqual([
      {
        session: 't-1',
        text: "Sorry - nobody from the Bayside Goods team is free to take this chat right now. Write here whatever you'd like them to know: it is kept for them as a ticket. You can email help@bayside.example.",
      },
    ]);
    expect(await storage.conversations.head('t-1')).toMatchObject({
      status: 'handoff',
      ticket_at: '2026-11-30T10:16:00.000Z',
    });
    expect(await at('2026-11-30T11:00:00.000Z').ticketOverdue()).toBe(0);
    // Claimed later, it is a conversation with a person like any other; released, no longer a ticket.
    await at('2026-11-30T11:05:00.000Z').claim('t-1', 'admin:ana');
    expect((await at('2026-11-30T11:06:00.000Z').release('t-1', 'admin:ana')).ticket_at).toBeNull();
  });
});
