import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import { createTestContext } from '../../testing/test-context.js';
import { conversation } from '../../testing/conversation.js';

// "I cancelled my order, where's my refund?" is answered from the order: was it paid, what refund its
// cancellation recorded - never a date the data doesn't hold, and never by sending the customer to a
// person. The sample shop's customer002 has a paid order that was cancelled and refunded (ORD-5A3F0301).
let ctx: AppContext;
const clock = new Date('2026-11-30T20:00:00Z');
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => clock });
});
afterAll(async () => ctx.close());

let n = 0;
const money = (amount: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);

/** What any answer about a refund must not do: guess, or hand the customer over. */
function expectAnsweredFromData(response: string) {
  expect(response).not.toMatch(/not sure I understood|passed that on|a person (?:will|can)|take over/i);
  expect(response).not.toMatch(/within \d+ (?:business )?days|by (?:mon|tue|wed|thu|fri|sat|sun)\w*day/i);
}

describe('a refund asked about on a cancelled order that was paid', () => {
  it.each([
    'I cancelled order ORD-5A3F0301, when do I get my refund?',
    "where's my refund for the cancelled order",
    'did i get refunded for the order i cancelled?',
    'when will I get my money back for the order I cancelled',
    'I canceled my order last week and still no refund',
    'has the refund for my cancelled order gone through?',
    'refund status for ORD-5A3F0301 pls',
    'my order was cancelled, where is my money',
    'hi, i canceled order ORD-5A3F0301 last month. has the money been returned to my card?',
    'I cancelled my order 2 weeks ago, when do I see the refund on my card??',
  ])('is answered with the refund its cancellation recorded: %s', async (message) => {
    const order = (await ctx.orders.get('ORD-5A3F0301'))!;
    const reply = await conversation(ctx.engine, order.user_id)(message);
    expectAnsweredFromData(reply.response);
    expect(reply.current_intent).toBe('order_status');
    expect(reply.response).toContain('ORD-5A3F0301');
    expect(reply.response).toContain(`refund of ${money(order.refund_amount!)}`);
    // No timing is recorded: said so, with the way to reach the shop.
    expect(reply.response).toMatch(
      /doesn't say when the money reaches your account, so I won't guess a date/,
    );
    expect(reply.response).toContain(ctx.config.shop.contact.email!);
    expect((await ctx.orders.get('ORD-5A3F0301'))?.status).toBe('cancelled');
  });
});

describe('a refund asked about on an order cancelled before it was paid', () => {
  it.each([
    'was I charged for the order I cancelled?',
    'I cancelled my order, will I be refunded?',
    "where's my refund for the cancelled order",
  ])('says nothing was charged: %s', async (message) => {
    const user = `refund-customer-${++n}`;
    const base = (await ctx.orders.get('ORD-5A3F0202'))!;
    await ctx.storage.orders.importHistory([
      { ...base, order_id: `ORD-5A3F8${n}01`, user_id: user, status: 'cancelled', refund_amount: null },
    ]);
    const reply = await conversation(ctx.engine, user)(message);
    expectAnsweredFromData(reply.response);
    expect(reply.response).toContain(`ORD-5A3F8${n}01`);
    expect(reply.response).toMatch(/before it was paid: nothing was charged/);
  });
});

describe('a bare refund question right after a cancellation', () => {
  it.each(['when do i get my refund?', 'will i get my money back', 'refund?'])(
    'is about the order just cancelled: %s',
    async (message) => {
      const user = `refund-customer-${++n}`;
      const base = (await ctx.orders.get('ORD-5A3F0202'))!;
      await ctx.storage.orders.importHistory([
        { ...base, order_id: `ORD-5A3F9${n}01`, user_id: user, status: 'cancelled', refund_amount: null },
      ]);
      const reply = await conversation(ctx.engine, user)(message);
      expectAnsweredFromData(reply.response);
      expect(reply.response).toContain(`ORD-5A3F9${n}01`);
      expect(reply.response).toMatch(/before it was paid: nothing was charged/);
      expect(reply.response).not.toMatch(/returns policy/i);
    },
  );
});

describe('a refund asked about by a customer with no cancelled order', () => {
  it('says so from their orders, and still cancels nothing', async () => {
    const owner = (await ctx.orders.get('ORD-5A3F0201'))!.user_id;
    const reply = await conversation(ctx.engine, owner)('where is my refund for the cancelled order?');
    expectAnsweredFromData(reply.response);
    expect(reply.response).toMatch(/none of your orders has been cancelled/i);
    expect((await ctx.orders.get('ORD-5A3F0201'))?.status).toBe('paid');
  });
});

describe('a person asked for about a refund', () => {
  it('is still a person: an explicit request is never answered instead', async () => {
    const order = (await ctx.orders.get('ORD-5A3F0301'))!;
    const say = conversation(ctx.engine, order.user_id);
    const reply = await say('I want to speak to someone about the refund for my cancelled order');
    expect(reply.current_intent).toBe('human_agent');
    expect(reply.response).toMatch(/asked a person/);
  });
});
