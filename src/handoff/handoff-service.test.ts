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
    storage = createSqliteStorage(':memory:');
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
    createHandoffService(storage, () => notices, { shopName: 'Bayside Goods', now: () => new Date(iso) });

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
