import { describe, expect, it } from 'vitest';
import type { DayRange } from '../domain/days.js';
import type { Order, OrderStatus } from '../domain/types.js';
import type { Storage } from '../storage/ports.js';
import { onFreshStorage, type StorageFactory } from '../storage/contract/harness.js';

/**
 * What analytics reads, as part of the storage contract (run inside `runStorageContract`): aggregates
 * over the shop's days in Los Angeles, across the end of daylight saving (2026-11-01, 09:00 UTC), so a
 * backend that shifts by one fixed offset puts turns on the wrong day.
 */
export function analyticsReadsContract(create: StorageFactory): void {
  let current: Storage;
  const storage = () => current;
  const days: DayRange = { from: '2026-10-31', to: '2026-11-02', timeZone: 'America/Los_Angeles' };
  const PAID: OrderStatus[] = ['paid', 'fulfilled', 'delivered'];

  const turn = (at: string, metadata: Record<string, unknown>) => [
    { role: 'user' as const, content: 'hi', timestamp: at, agent_name: null, metadata: {} },
    { role: 'assistant' as const, content: 'hello', timestamp: at, agent_name: 'orchestrator', metadata },
  ];
  const usage = (calls: number, prompt_tokens: number, completion_tokens: number, cost_usd: number) => ({
    usage: { calls, prompt_tokens, completion_tokens, cost_usd },
  });

  /** Turns in four conversations; the comments give each one's day in Los Angeles. */
  async function seedTurns(): Promise<void> {
    const conversations = storage().conversations;
    await conversations.append('a1', 'u1', 'web', [
      ...turn('2026-10-31T06:30:00.000Z', { intent: 'search', ms: 100 }), // Oct 30, before the range
      ...turn('2026-11-01T06:30:00.000Z', {
        intent: 'search',
        ms: 12,
        shown: 3,
        ...usage(1, 80, 20, 0.0001),
      }), // Oct 31
      ...turn('2026-11-02T07:30:00.000Z', {
        intent: 'add_to_cart',
        ms: 8,
        shown: 0,
        added: true,
        ...usage(2, 10, 5, 0.00000001),
      }), // Nov 1, 23:30: Nov 2 by the summer's offset
      // A notice has no intent: no turn at all.
      {
        role: 'assistant',
        content: 'Refunded.',
        timestamp: '2026-11-02T07:40:00.000Z',
        agent_name: 'orders',
        metadata: { notice: 'order' },
      },
      ...turn('2026-11-02T08:00:00.000Z', { intent: 'greeting' }), // Nov 2, 00:00; recorded without a time
    ]);
    await conversations.append('a2', 'u2', 'whatsapp', [
      ...turn('2026-11-01T20:00:00.000Z', { intent: 'search', ms: 5, shown: 1 }), // Nov 1
    ]);
    await conversations.append('a3', 'u3', 'web', [
      ...turn('2026-11-01T21:00:00.000Z', { intent: 'greeting', ms: 30, ...usage(1, 1, 1, 0.00000002) }), // Nov 1
    ]);
    await conversations.append('a4', 'u4', 'web', [
      ...turn('2026-11-03T09:00:00.000Z', { intent: 'search', ms: 1 }), // Nov 3, after the range
    ]);
  }

  const order = (order_id: string, status: OrderStatus, total: number, at: string, session: string | null) =>
    ({
      order_id,
      user_id: 'u1',
      items: [],
      status,
      fulfilment: { type: 'ship' },
      loyalty_tier: 'bronze',
      subtotal: total,
      tier_discount_rate: 0,
      tier_discount: 0,
      points_redeemed: 0,
      points_discount: 0,
      shipping: 0,
      tax: 0,
      total,
      points_earned: 0,
      created_at: at,
      updated_at: at,
      expires_at: null,
      carrier: null,
      tracking_number: null,
      refund_amount: null,
      payment_ref: null,
      payment_url: null,
      payment_checkout: null,
      session_id: session,
    }) satisfies Order;

  const seedOrders = () =>
    storage().orders.importHistory([
      order('O1', 'paid', 10.1, '2026-11-01T22:00:00.000Z', 'a1'),
      order('O2', 'pending_payment', 20.2, '2026-11-01T22:00:00.000Z', 'a2'),
      order('O3', 'delivered', 5, '2026-11-03T09:00:00.000Z', 'a3'), // Nov 3
      order('O4', 'paid', 0.2, '2026-11-01T22:00:00.000Z', 'a4'), // a conversation with no turn in the range
      order('O5', 'delivered', 30.3, '2026-10-31T07:00:00.000Z', null), // Oct 31, 00:00
      order('O6', 'cancelled', 1, '2026-11-02T07:59:59.999Z', 'a1'), // Nov 1
      order('O7', 'paid', 7, '2026-10-31T06:59:59.999Z', 'a1'), // Oct 30
      order('O8', 'fulfilled', 40, '2026-11-03T07:30:00.000Z', 'a2'), // Nov 2, 23:30: Nov 3 by the summer's offset
    ]);

  describe('analytics reads', () => {
    onFreshStorage(create, (opened) => (current = opened));

    it('counts answered turns per day of the shop and channel: conversations once a day, model use summed exactly', async () => {
      await seedTurns();
      const zero = { calls: 0, prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 };
      const rows = await storage().conversations.turnsByDay(days);
      expect([...rows].sort((a, b) => `${a.day}${a.channel}`.localeCompare(`${b.day}${b.channel}`))).toEqual([
        {
          day: '2026-10-31',
          channel: 'web',
          conversations: 1,
          calls: 1,
          prompt_tokens: 80,
          completion_tokens: 20,
          cost_usd: 0.0001,
        },
        // 0.00000001 + 0.00000002 is 3.0000000000000004e-8 in floating point.
        {
          day: '2026-11-01',
          channel: 'web',
          conversations: 2,
          calls: 3,
          prompt_tokens: 11,
          completion_tokens: 6,
          cost_usd: 0.00000003,
        },
        { day: '2026-11-01', channel: 'whatsapp', conversations: 1, ...zero },
        { day: '2026-11-02', channel: 'web', conversations: 1, ...zero },
      ]);
    });

    it('counts answered turns per intent', async () => {
      await seedTurns();
      const intents = await storage().conversations.intentCounts(days);
      expect([...intents].sort((a, b) => a.intent.localeCompare(b.intent))).toEqual([
        { intent: 'add_to_cart', turns: 1 },
        { intent: 'greeting', turns: 2 },
        { intent: 'search', turns: 2 },
      ]);
    });

    it('gives nearest-rank percentiles of turn latency, over the range and per day, leaving out untimed turns', async () => {
      await seedTurns();
      const latency = await storage().conversations.turnLatency(days, [0.5, 0.95]);
      // All: 5, 8, 12, 30 - the median is the 2nd (not 10, between two); Nov 1: 5, 8, 30.
      expect(latency).toEqual({
        all: { timed: 4, ms: [8, 30] },
        by_day: [
          { day: '2026-10-31', timed: 1, ms: [12, 12] },
          { day: '2026-11-01', timed: 3, ms: [8, 30] },
        ],
      });
    });

    it('follows conversations of the range to a product shown, the cart, an order placed in the range and paid', async () => {
      await seedTurns();
      await seedOrders();
      // a1 and a2 ordered twice each, one of each pair paid; a3's order and a4's turns fall outside the days.
      expect(await storage().conversations.funnel(days, PAID)).toEqual({
        conversations: 3,
        product_shown: 2,
        added_to_cart: 1,
        ordered: 2,
        paid: 2,
      });
      expect(await storage().conversations.funnel(days, ['paid'])).toMatchObject({ ordered: 2, paid: 1 });
    });

    it('counts and totals orders placed on the days per status, in whole cents', async () => {
      await seedOrders();
      const totals = await storage().orders.statusTotals(days);
      expect([...totals].sort((a, b) => a.status.localeCompare(b.status))).toEqual([
        { status: 'cancelled', count: 1, total: 1 },
        { status: 'delivered', count: 1, total: 30.3 },
        { status: 'fulfilled', count: 1, total: 40 },
        { status: 'paid', count: 2, total: 10.3 }, // 10.1 + 0.2 is 10.299999999999999 in floating point
        { status: 'pending_payment', count: 1, total: 20.2 },
      ]);
    });

    it("counts handoffs per day they were asked on, those a person took on the range's days, and their wait", async () => {
      const conversations = storage().conversations;
      const move = async (
        session_id: string,
        from: 'bot' | 'handoff' | 'human',
        to: typeof from,
        at: string,
      ) =>
        expect(
          await conversations.setStatus({ session_id, from: [from], to, at, operator: null }),
        ).not.toBeNull();
      for (const id of ['h1', 'h2', 'h3', 'h4', 'h5']) await conversations.append(id, 'u1', 'web', []);
      await move('h1', 'bot', 'handoff', '2026-11-01T18:00:00.000Z'); // Nov 1, taken 4 minutes later
      await move('h1', 'handoff', 'human', '2026-11-01T18:04:00.000Z');
      await move('h1', 'human', 'bot', '2026-11-01T19:00:00.000Z');
      await move('h1', 'bot', 'handoff', '2026-11-02T07:59:00.000Z'); // Nov 1, 23:59, taken 2.5 minutes later
      await move('h1', 'handoff', 'human', '2026-11-02T08:01:30.000Z');
      await move('h2', 'bot', 'handoff', '2026-11-01T10:00:00.000Z'); // Nov 1, back to the assistant
      await move('h2', 'handoff', 'bot', '2026-11-01T10:30:00.000Z');
      await move('h3', 'bot', 'handoff', '2026-11-02T12:00:00.000Z'); // Nov 2, still waiting
      await move('h4', 'bot', 'handoff', '2026-11-03T07:30:00.000Z'); // Nov 2, taken on Nov 3
      await move('h4', 'handoff', 'human', '2026-11-03T08:30:00.000Z');
      await move('h5', 'bot', 'handoff', '2026-10-31T06:00:00.000Z'); // Oct 30
      await move('h5', 'handoff', 'human', '2026-11-01T18:00:00.000Z');
      const handoffs = await conversations.handoffsByDay(days);
      expect([...handoffs].sort((a, b) => a.day.localeCompare(b.day))).toEqual([
        { day: '2026-11-01', handoffs: 3, answered: 2, wait_ms: 390_000 },
        { day: '2026-11-02', handoffs: 2, answered: 0, wait_ms: 0 },
      ]);
    });

    it('answers for days with nothing: empty lists, zero counts', async () => {
      await seedTurns();
      await seedOrders();
      const quiet: DayRange = { from: '2026-06-01', to: '2026-06-30', timeZone: 'Asia/Kolkata' };
      const conversations = storage().conversations;
      expect(await conversations.turnsByDay(quiet)).toEqual([]);
      expect(await conversations.intentCounts(quiet)).toEqual([]);
      expect(await conversations.turnLatency(quiet, [0.5])).toEqual({
        all: { timed: 0, ms: [] },
        by_day: [],
      });
      expect(await conversations.funnel(quiet, PAID)).toEqual({
        conversations: 0,
        product_shown: 0,
        added_to_cart: 0,
        ordered: 0,
        paid: 0,
      });
      expect(await conversations.handoffsByDay(quiet)).toEqual([]);
      expect(await storage().orders.statusTotals(quiet)).toEqual([]);
    });
  });
}
