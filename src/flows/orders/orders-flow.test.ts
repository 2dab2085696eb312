import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import { createTestContext } from '../../testing/test-context.js';
import { conversation } from '../../testing/conversation.js';

// Conversations about orders already placed, written the way customers type them; the sample shop's
// customers have past orders in every state (src/data/sample-orders.ts).
let ctx: AppContext;
const clock = new Date('2026-11-30T20:00:00Z');
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => clock });
});
afterAll(async () => ctx.close());

const chat = (userId: string) => conversation(ctx.engine, userId);

describe('where is my order', () => {
  it('asks which of the orders on their way is meant, naming each, and answers the one picked by item', async () => {
    const say = chat('user123');
    const asked = await say("hey where's my package??");
    expect(asked.current_intent).toBe('order_status');
    expect(asked.response).toMatch(/^Which order do you mean\?/);
    // The shipped one and the one delivered this week; not the one delivered months ago.
    expect(asked.response).toMatch(/ORD-5A3F0103 \(.+, shipped Nov 2\d\)/);
    expect(asked.response).toMatch(/ORD-5A3F0102 \(.+, delivered Nov 2\d\)/);
    expect(asked.response).not.toContain('ORD-5A3F0101');
    const shoes = (await ctx.orders.get('ORD-5A3F0103'))!.items[0]!.name.split(' ').at(-1)!.toLowerCase();
    const picked = await say(`the ${shoes} one`);
    expect(picked.response).toContain('Order ORD-5A3F0103');
    expect(picked.response).toMatch(/shipped Nov 2\d with UPS, tracking number 1Z999AA10123456784/);
    expect(picked.response).toMatch(
      /Standard delivery takes 2-5 business days from shipping, so expect it between/,
    );
  });

  it('answers by position after the list, and by order id straight away', async () => {
    const say = chat('user123');
    await say('any update on my delivery?');
    expect((await say('the second one')).response).toMatch(/^Order ORD-5A3F0102 .*delivered/);
    const named = await chat('user123')('status of ORD-5A3F0101 pls');
    expect(named.response).toMatch(
      /^Order ORD-5A3F0101 \(.+, placed Aug 2\d, \$[\d.,]+\): delivered Aug 2\d\./,
    );
  });

  it('lists the order history when asked for all of it, and says so when there is none', async () => {
    const history = await chat('user123')('show me my order history');
    for (const id of ['ORD-5A3F0101', 'ORD-5A3F0102', 'ORD-5A3F0103']) expect(history.response).toContain(id);
    expect((await chat('u-new-guest')('wheres my order')).response).toBe(
      "You haven't placed any orders yet.",
    );
  });

  it("never shows another customer's order named by id", async () => {
    const reply = await chat('customer005')('where is ORD-5A3F0103');
    expect(reply.response).toMatch(/can't find an order ORD-5A3F0103 on your account/);
    expect(reply.response).not.toContain('1Z999');
  });
});

describe('changing an order', () => {
  it('sends an order that has not shipped to a new address, after showing it and a yes', async () => {
    const user = (await ctx.orders.get('ORD-5A3F0201'))!.user_id;
    const say = chat(user);
    const which = await say('need to change the delivery address for my order pls');
    expect(which.current_intent).toBe('change_order');
    expect(which.response).toMatch(/^Which order should go to a new address\?/);
    expect(which.response).toContain('ORD-5A3F0201');
    expect(which.response).toContain('ORD-5A3F0202');
    const where = await say('ORD-5A3F0201');
    expect(where.response).toMatch(/Where should order ORD-5A3F0201 .* go instead\?/);
    const shown = await say('221 Baker Street, London NW1 6XE');
    expect(shown.response).toBe(
      'Send order ORD-5A3F0201 to 221 Baker Street, London, NW1 6XE instead? Reply yes to change the address, or no to keep it as it is.',
    );
    const done = await say('yes');
    expect(done.response).toContain('Done: order ORD-5A3F0201 will go to 221 Baker Street');
    expect((await ctx.orders.get('ORD-5A3F0201'))?.fulfilment).toMatchObject({
      type: 'ship',
      address: { line1: '221 Baker Street', city: 'London', postal_code: 'NW1 6XE' },
    });
    const audit = await ctx.storage.audit.list({ user_id: user });
    expect(audit[0]).toMatchObject({ action: 'order.address', details: { order_id: 'ORD-5A3F0201' } });
  });

  it('explains that a shipped order cannot change, with the shop contact, and changes nothing', async () => {
    const before = await ctx.orders.get('ORD-5A3F0103');
    const reply = await chat('user123')('I moved last week, can you update the address on my order?');
    expect(reply.response).toMatch(/ORD-5A3F0103 .* has already left us/);
    expect(reply.response).toContain(ctx.config.shop.contact.email!);
    expect(await ctx.orders.get('ORD-5A3F0103')).toEqual(before);
  });

  it('keeps the address on a no', async () => {
    const user = (await ctx.orders.get('ORD-5A3F0202'))!.user_id;
    const say = chat(user);
    const shown = await say('please send order ORD-5A3F0202 to 9 Elm Road, Oakland, CA 94607 instead');
    expect(shown.response).toMatch(/^Send order ORD-5A3F0202 to 9 Elm Road, Oakland, CA 94607 instead\?/);
    expect((await say('no, leave it')).response).toBe('OK, order ORD-5A3F0202 stays as it is.');
    expect((await ctx.orders.get('ORD-5A3F0202'))?.fulfilment).toMatchObject({
      address: { line1: '12 Market St' },
    });
  });
});

describe('cancelling with several open orders', () => {
  it('asks which, then asks to confirm the one named, and keeps it on a no', async () => {
    const user = (await ctx.orders.get('ORD-5A3F0202'))!.user_id;
    const say = chat(user);
    const which = await say('i want to cancel my order');
    expect(which.response).toMatch(/^Which order would you like to cancel\?/);
    const confirm = await say('the hoodie one');
    expect(confirm.response).toMatch(/^Cancel order ORD-5A3F0202/);
    expect((await say('nope')).response).toBe('OK, order ORD-5A3F0202 stays as it is.');
    expect((await ctx.orders.get('ORD-5A3F0202'))?.status).toBe('pending_payment');
  });
});

describe('what customers really do mid-question', () => {
  it('takes a bare number, and an item without "one", as the answer to "which order?"', async () => {
    const say = chat('user123');
    await say('where is my order');
    expect((await say('2')).response).toMatch(/^Order ORD-5A3F0102 /);
    await say('where is my order');
    const shoes = (await ctx.orders.get('ORD-5A3F0103'))!.items[0]!.name.split(' ').at(-1)!.toLowerCase();
    expect((await say(`the ${shoes}`)).response).toMatch(/^Order ORD-5A3F0103 /);
  });

  it('reads an address typed without commas, and never takes "yep" for a town', async () => {
    const user = (await ctx.orders.get('ORD-5A3F0201'))!.user_id;
    const say = chat(user);
    await say('pls send ORD-5A3F0201 to 45');
    expect((await say('yep')).response).toMatch(
      /Please give the street and number, town or city, postcode\.$/,
    );
    const shown = await say('45 valencia st san francisco 94110');
    expect(shown.response).toMatch(
      /^Send order ORD-5A3F0201 to 45 valencia st, san francisco, 94110 instead\?/,
    );
    await say('no');
  });

  it('never takes backing out as an address: "hmm actually no" keeps the old one', async () => {
    const user = (await ctx.orders.get('ORD-5A3F0202'))!.user_id;
    const say = chat(user);
    await say('send ORD-5A3F0202 to 77 Shattuck Ave, Berkeley, CA 94704');
    expect((await say('hmm actually no')).response).toBe('OK, order ORD-5A3F0202 stays as it is.');
    expect((await say('yes')).response).not.toMatch(/^Done/);
    expect((await ctx.orders.get('ORD-5A3F0202'))?.fulfilment).toMatchObject({
      address: { line1: '12 Market St', city: 'San Francisco' },
    });
  });

  it('keeps "cancel it?" open through a side question, asks it again after the answer, and cancels on the yes to that', async () => {
    const user = 'customer040';
    await ctx.storage.orders.importHistory([
      { ...(await ctx.orders.get('ORD-5A3F0201'))!, order_id: 'ORD-5A3F4001', user_id: user, status: 'paid' },
    ]);
    const say = chat(user);
    expect((await say('cancel ORD-5A3F4001')).response).toMatch(/^Cancel order ORD-5A3F4001/);
    const side = await say('what happens to my points?');
    expect(side.current_intent).toBe('loyalty');
    expect(side.response).toMatch(
      /Shall I cancel order ORD-5A3F4001\? Reply yes to cancel it, or no to keep it\.$/,
    );
    expect((await ctx.orders.get('ORD-5A3F4001'))?.status).toBe('paid');
    expect((await say('ok yes cancel it')).response).toMatch(/^Order ORD-5A3F4001 is cancelled/);
  });

  it('keeps an address given with the request while the customer picks the order', async () => {
    const user = (await ctx.orders.get('ORD-5A3F0201'))!.user_id;
    const say = chat(user);
    await say('pls change the delivery address of my order to 77 Shattuck Ave, Berkeley, CA 94704');
    const shown = await say('the first one');
    expect(shown.response).toMatch(
      /^Send order ORD-5A3F020\d to 77 Shattuck Ave, Berkeley, CA 94704 instead\?/,
    );
    await say('no');
  });

  it('explains that items cannot change, offering to cancel an order that has not shipped', async () => {
    const user = (await ctx.orders.get('ORD-5A3F0202'))!.user_id;
    const reply = await chat(user)('I want to change the size of the hoodie in my order');
    expect(reply.current_intent).toBe('change_order');
    expect(reply.response).toMatch(
      /^I can't change what is in an order once it is placed\. Order ORD-5A3F0202 \(.*Hoodie.*\) hasn't shipped, so you can cancel it/,
    );
    expect(reply.response).toContain(ctx.config.shop.contact.email!);
  });
});
