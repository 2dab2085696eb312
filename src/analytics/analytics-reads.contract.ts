import { describe, expect, it } from 'vitest';
import type { Order } from '../domain/types.js';
import type { Storage } from '../storage/ports.js';
import { onFreshStorage, type StorageFactory } from '../storage/contract/harness.js';

/** What analytics reads, as part of the storage contract (run inside `runStorageContract`). */
export function analyticsReadsContract(create: StorageFactory): void {
  let current: Storage;
  const storage = () => current;
  const turn = (at: string, metadata: Record<string, unknown>) => [
    { role: 'user' as const, content: 'hi', timestamp: at, agent_name: null, metadata: {} },
    { role: 'assistant' as const, content: 'hello', timestamp: at, agent_name: 'orchestrator', metadata },
  ];

  describe('analytics reads', () => {
    onFreshStorage(create, (opened) => (current = opened));
    it('gives the turns answered in a time range with their intent, latency, products shown and model use', async () => {
      const conversations = storage().conversations;
      await conversations.append('a1', 'u1', 'web', [
        ...turn('2026-11-01T09:00:00.000Z', {
          intent: 'search',
          ms: 12,
          shown: 3,
          added: false,
          usage: { calls: 1, prompt_tokens: 80, completion_tokens: 20, cost_usd: 0.0001 },
        }),
        ...turn('2026-11-02T09:00:00.000Z', { intent: 'add_to_cart', ms: 8, shown: 0, added: true }),
        // Before latency was kept, and a notice (no intent): the one counted as unknown, the other not at all.
        ...turn('2026-11-02T10:00:00.000Z', { intent: 'greeting' }),
        {
          role: 'assistant',
          content: 'Refunded.',
          timestamp: '2026-11-02T11:00:00.000Z',
          agent_name: 'orders',
          metadata: { notice: 'order' },
        },
      ]);
      await conversations.append(
        'a2',
        'u2',
        'whatsapp',
        turn('2026-11-03T09:00:00.000Z', { intent: 'search', ms: 5, shown: 1 }),
      );

      const turns = await conversations.turnsBetween('2026-11-02T00:00:00.000Z', '2026-11-03T09:00:00.000Z');
      expect(turns).toEqual([
        {
          session_id: 'a1',
          user_id: 'u1',
          channel: 'web',
          at: '2026-11-02T09:00:00.000Z',
          intent: 'add_to_cart',
          ms: 8,
          shown: 0,
          added: true,
          calls: 0,
          prompt_tokens: 0,
          completion_tokens: 0,
          cost_usd: 0,
        },
        expect.objectContaining({ intent: 'greeting', ms: null, shown: 0, added: false }),
      ]);
      const all = await conversations.turnsBetween('2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
      expect(all.map((t) => [t.session_id, t.intent])).toEqual([
        ['a1', 'search'],
        ['a1', 'add_to_cart'],
        ['a1', 'greeting'],
        ['a2', 'search'],
      ]);
      expect(all[0]).toMatchObject({
        calls: 1,
        prompt_tokens: 80,
        completion_tokens: 20,
        cost_usd: 0.0001,
        shown: 3,
      });
    });

    it('gives status changes and orders placed in a time range', async () => {
      const conversations = storage().conversations;
      await conversations.append('h1', 'u1', 'web', []);
      await conversations.setStatus({
        session_id: 'h1',
        to: 'handoff',
        from: ['bot'],
        at: '2026-11-05T10:00:00.000Z',
        reason: 'asked',
      });
      await conversations.setStatus({
        session_id: 'h1',
        to: 'human',
        from: ['handoff'],
        at: '2026-11-05T10:04:00.000Z',
        operator: 'admin:ana',
      });
      await conversations.setStatus({
        session_id: 'h1',
        to: 'bot',
        from: ['human'],
        at: '2026-11-06T10:00:00.000Z',
        operator: null,
      });
      expect(
        await conversations.statusChangesBetween('2026-11-05T00:00:00.000Z', '2026-11-06T00:00:00.000Z'),
      ).toEqual([
        { session_id: 'h1', status: 'handoff', at: '2026-11-05T10:00:00.000Z' },
        { session_id: 'h1', status: 'human', at: '2026-11-05T10:04:00.000Z' },
      ]);

      const order = (order_id: string, created_at: string): Order => ({
        order_id,
        user_id: 'u1',
        items: [
          {
            product_id: 'HOOD001',
            sku: 'HOOD001-BLU-M',
            name: 'Cloud Fleece Hoodie',
            color: 'blue',
            size: 'M',
            quantity: 1,
            unit_price: 59,
            line_total: 59,
          },
        ],
        status: 'paid',
        fulfilment: { type: 'ship' },
        loyalty_tier: 'bronze',
        subtotal: 59,
        tier_discount_rate: 0,
        tier_discount: 0,
        points_redeemed: 0,
        points_discount: 0,
        shipping: 0,
        tax: 0,
        total: 59,
        points_earned: 59,
        created_at,
        updated_at: created_at,
        expires_at: null,
        carrier: null,
        tracking_number: null,
        refund_amount: null,
        payment_ref: null,
        payment_url: null,
        payment_checkout: null,
        session_id: null,
      });
      await storage().orders.importHistory([
        order('P1', '2026-11-19T23:59:59.000Z'),
        order('P2', '2026-11-20T00:00:00.000Z'),
        order('P3', '2026-11-20T18:00:00.000Z'),
        order('P4', '2026-11-21T00:00:00.000Z'),
      ]);
      const got = await storage().orders.placedBetween(
        '2026-11-20T00:00:00.000Z',
        '2026-11-21T00:00:00.000Z',
      );
      expect(got.map((o) => o.order_id)).toEqual(['P2', 'P3']);
    });
  });
}
