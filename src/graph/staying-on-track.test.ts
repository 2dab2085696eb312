import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { createTestContext } from '../testing/test-context.js';
import { conversation } from '../testing/conversation.js';

// A dialogue that stays on track, each behaviour in several wordings and styles: a side question while a
// question is open is answered and the question kept; an answer to another of the checkout's questions is
// taken; two requests in one message are both answered, or the second waits and comes back; short
// follow-ups ("let me think", "how much?") are understood in the light of the last reply.
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
});
afterAll(async () => ctx.close());

// Sample customers with an email on file and no orders of their own, one per conversation.
let n = 9;
const customer = () => `customer0${++n}`;
const chat = (userId = customer()) => conversation(ctx.engine, userId);
const HOODIE = 'add the Velo Tech Oversized Hoodie in black, size M';
const ADDRESS = '12 Market St, San Francisco, CA 94103';
const ASKS_ADDRESS = /Where should I ship it\? Please give the street and number.*\.$/;
const ASKS_TO_PLACE = /Shall I place your order for \$[\d,.]+\? Say "yes" to place it\.$/;

/** A customer of their own with one order that can still be cancelled. */
async function withCancellableOrder(): Promise<{ user: string; id: string }> {
  const user = customer();
  const id = `ORD-5A3F9${n}`;
  await ctx.storage.orders.importHistory([
    { ...(await ctx.orders.get('ORD-5A3F0201'))!, order_id: id, user_id: user, status: 'paid' },
  ]);
  return { user, id };
}

describe('a side question while a question is open', () => {
  it.each([
    ['whats express shipping cost?', /Express \(1-2 business days, \$14\.99\)/],
    ['do u take paypal', /nothing about "paypal"/],
    ['how long does delivery take??', /2-5 business days/],
    ['r u a bot', /automated assistant|bot/],
  ])('is answered, and the address is asked for again: %s', async (side, answer) => {
    const say = chat();
    await say(HOODIE);
    expect((await say('checkout')).response).toMatch(ASKS_ADDRESS);
    const r = await say(side);
    expect(r.response).toMatch(answer);
    expect(r.response).toMatch(ASKS_ADDRESS);
    // The checkout carries on where it was, as asked: a question about express chose no express.
    const summary = await say(ADDRESS);
    expect(summary.response).toMatch(/^Here is your order/);
    expect(summary.response).toContain(`Standard shipping (2-5 business days) to ${ADDRESS}`);
  });

  it.each([
    ['do you have a store in oakland?', /Oakland/],
    ['whats ur return policy', /returned within 30 days/],
    ['is it waterproof?', /Velo Tech Oversized Hoodie by Velo/],
    ['How many points do I have?', /points/],
  ])(
    'at the order summary is answered, the summary stays open and a yes places it: %s',
    async (side, answer) => {
      const say = chat();
      await say(HOODIE);
      await say('checkout');
      await say(ADDRESS);
      const r = await say(side);
      expect(r.response).toMatch(answer);
      expect(r.response).toMatch(ASKS_TO_PLACE);
      // Never an offer to add another while the order waits for its yes.
      expect(r.response).not.toMatch(/add it to your cart|put one in your cart/);
      const placed = await say('yes');
      expect(placed.current_intent).toBe('checkout');
      expect(placed.response).toMatch(/order is (placed|in)/i);
      expect(placed.data.order?.items).toHaveLength(1);
    },
  );

  it.each([
    ['will I get my money back?', /cancelling refunds \$[\d,.]+/],
    ['do i get a refund', /cancelling refunds \$[\d,.]+/],
    ['what happens to my points', /points/],
    ['What is your returns policy?', /returned within 30 days/],
  ])('about a cancel is answered and "cancel it?" kept, not taken as a no: %s', async (side, answer) => {
    const { user, id } = await withCancellableOrder();
    const say = chat(user);
    expect((await say(`pls cancel ${id}`)).response).toMatch(/Reply yes to cancel it, or no to keep it\.$/);
    const r = await say(side);
    expect(r.response).toMatch(answer);
    expect(r.response).toMatch(/Reply yes to cancel it, or no to keep it\.$/);
    expect(r.response).not.toMatch(/stays as it is/);
    expect((await ctx.orders.get(id))?.status).toBe('paid');
    expect((await say('yep')).response).toMatch(new RegExp(`^Order ${id} is cancelled`));
    expect((await ctx.orders.get(id))?.status).toBe('cancelled');
  });
});

describe('an answer to another of the checkout`s questions', () => {
  it.each(['Oakland Uptown store pls', 'the oakland store', "i'll collect it from the Oakland store"])(
    'a store when asked where to ship collects it there: %s',
    async (store) => {
      const say = chat();
      await say(HOODIE);
      await say('checkout');
      const r = await say(store);
      expect(r.response).toMatch(/^Here is your order/);
      expect(r.response).toContain('Pickup at Oakland Uptown');
    },
  );

  it.each(['actually ship it to 77 Shattuck Ave, Berkeley, CA 94704', '77 Shattuck Ave, Berkeley, CA 94704'])(
    'a new address at the summary ships there, and the checkout goes on: %s',
    async (address) => {
      const say = chat();
      await say(HOODIE);
      await say('checkout');
      await say(ADDRESS);
      const r = await say(address);
      expect(r.response).toMatch(/^Here is your order/);
      expect(r.response).toContain('to 77 Shattuck Ave, Berkeley, CA 94704');
      expect((await say('yes')).data.order?.fulfilment).toMatchObject({
        type: 'ship',
        address: { line1: '77 Shattuck Ave', city: 'Berkeley' },
      });
    },
  );

  it('an address at a pickup summary ships there instead', async () => {
    const say = chat();
    await say(HOODIE);
    expect((await say('checkout with pickup')).response).toContain('Pickup at');
    const r = await say(ADDRESS);
    expect(r.response).toMatch(/^Here is your order/);
    expect(r.response).toContain(`to ${ADDRESS}`);
  });

  it('an email when asked where to ship is kept, and the address asked for again', async () => {
    const say = chat('guest-staying-on-track');
    await say(HOODIE);
    await say('checkout');
    const r = await say('my email is sam@example.com');
    expect(r.current_intent).toBe('checkout');
    expect(r.response).toMatch(ASKS_ADDRESS);
    // The email is not asked for again once the address comes.
    const summary = await say(ADDRESS);
    expect(summary.response).toMatch(/^Here is your order/);
    const placed = await say('yes');
    expect(placed.data.order?.fulfilment).toMatchObject({ contact: 'sam@example.com' });
  });
});

describe('two requests in one message', () => {
  const POINTS = /member with [\d,]+ points|tier is \w+ with [\d,]+ points/;

  it.each([
    'add it in black, size M to my cart and how many points would i get',
    'put it in my basket in black size M, also how many points do I have?',
    'Add it to the cart in black in M and what are my points?',
  ])('are both answered when one is a question: %s', async (message) => {
    const say = chat();
    const list = await say('show me hoodies');
    await say('tell me more about the first one');
    const r = await say(message);
    expect(r.response).toMatch(
      new RegExp(`^\\w+[^\\n]*Added 1 x ${list.data.products![0]!.name} \\(black, size M\\)`),
    );
    expect(r.response).toMatch(POINTS);
    expect(r.cart_items_count).toBe(1);
  });

  it.each([
    'add it to my cart and how many points would i get',
    'add it to my bag & whats my points balance',
  ])(
    'a question after an add that asks for a size is answered, and the size asked for again: %s',
    async (message) => {
      const say = chat();
      await say('show me hoodies');
      await say('tell me more about the first one');
      const r = await say(message);
      expect(r.response).toMatch(/^Which colour/);
      expect(r.response).toMatch(POINTS);
      expect(r.response).toMatch(
        /\n\nWhich colour \(.*\) and which size \(.*\) would you like for the .*\?$/,
      );
      expect((await say('black in M')).response).toMatch(/Added 1 x .* \(black, size M\)/);
    },
  );

  it.each([
    ["cancel ORDER and what's your return policy", /returned within 30 days/],
    ['cancel ORDER and how long do refunds take?', /5 business days/],
  ])(
    'a question beside a cancel is answered, and the cancel waits for its yes: %s',
    async (message, answer) => {
      const { user, id } = await withCancellableOrder();
      const say = chat(user);
      const r = await say(message.replace('ORDER', id));
      expect(r.response).toMatch(new RegExp(`^Cancel order ${id}`));
      expect(r.response).toMatch(answer);
      expect(r.response).toMatch(/Reply yes to cancel it, or no to keep it\.$/);
      expect((await ctx.orders.get(id))?.status).toBe('paid');
      expect((await say('yes')).response).toMatch(new RegExp(`^Order ${id} is cancelled`));
    },
  );

  it.each(['add the second one and checkout', 'add the 2nd one and then check out'])(
    'the second waits for the question the first asks, and comes back after it: %s',
    async (message) => {
      const say = chat();
      await say('show me hoodies');
      const asked = await say(message);
      expect(asked.response).toMatch(/^Which colour .* and which size .* would you like for the /);
      expect(asked.response).toMatch(/I'll come back to "(then )?check ?out" once that's settled\.$/);
      const r = await say('black in M');
      expect(r.response).toMatch(/Added 1 x .* \(black, size M\)/);
      expect(r.response).toMatch(ASKS_ADDRESS);
      expect(r.current_intent).toBe('checkout');
    },
  );

  it('the second, left waiting when the customer moves on, is said to be set aside', async () => {
    const { user, id } = await withCancellableOrder();
    const say = chat(user);
    const asked = await say(`cancel ${id} and then track my other order`);
    expect(asked.response).toMatch(/I'll come back to "track my other order" once that's settled\.$/);
    const moved = await say('show me jackets');
    expect(moved.data.products?.length).toBeGreaterThan(0);
    expect(moved.response).toMatch(/I've set "track my other order" aside - ask again whenever you like\.$/);
  });

  it('the second comes back after the first is answered no', async () => {
    const { user, id } = await withCancellableOrder();
    const say = chat(user);
    await say(`cancel ${id} and then show me hoodies in M`);
    const r = await say('nope');
    expect(r.response).toMatch(new RegExp(`^OK, order ${id} stays as it is\\.`));
    expect(r.data.products?.length).toBeGreaterThan(0);
    expect((await ctx.orders.get(id))?.status).toBe('paid');
  });
});

describe('short follow-ups', () => {
  it.each([
    'let me think',
    'hmm give me a sec',
    "I'll think about it",
    'lemme think abt it',
    'ok let me check with my wife',
  ])('a pause at the summary is acknowledged and the summary kept: %s', async (pause) => {
    const say = chat();
    await say(HOODIE);
    await say('checkout');
    await say(ADDRESS);
    const r = await say(pause);
    expect(r.response).toMatch(/take your time/);
    expect(r.response).toMatch(ASKS_TO_PLACE);
    expect((await say('yes')).response).toMatch(/order is (placed|in)/i);
  });

  it.each(["I'll think about it", 'hmm let me sleep on it', 'one sec'])(
    'a pause after an add changes nothing and is not read as saving it: %s',
    async (pause) => {
      const say = chat();
      await say(HOODIE);
      const r = await say(pause);
      expect(r.current_intent).toBe('general_chat');
      expect(r.response).toMatch(/take your time/);
      expect(r.response).not.toMatch(/wishlist|not sure I understood/);
      expect(r.cart_items_count).toBe(1);
    },
  );

  it.each(['l8r', 'ttyl', 'ok cya l8r', 'gtg'])('a texting sign-off is a goodbye: %s', async (bye) => {
    const r = await chat()(bye);
    expect(r.current_intent).toBe('goodbye');
    expect(r.response).not.toMatch(/not sure I understood/);
  });

  it.each([
    ['how much?', 'product_details'],
    ['how much is it', 'product_details'],
    ['is it waterproof?', 'product_details'],
    ['in black?', 'inventory_check'],
    ['what about in XL', 'inventory_check'],
  ])('a bare question right after a product answer is about that product: %s', async (follow, intent) => {
    const say = chat();
    const list = await say('show me hoodies');
    const second = list.data.products![1]!;
    await say('tell me more about the second one');
    const r = await say(follow);
    expect(r.current_intent).toBe(intent);
    expect(r.response).toContain(second.name);
    expect(r.response).not.toMatch(/not sure I understood|which product you mean/);
  });

  it.each(['and the other one?', 'what about the other one', 'the other one?'])(
    'asks the same of the product discussed before: %s',
    async (follow) => {
      const say = chat();
      const list = await say('show me hoodies');
      const [first, second] = list.data.products!;
      await say('tell me about the first one');
      expect((await say('and the second one?')).response).toContain(second!.name);
      const r = await say(follow);
      expect(r.current_intent).toBe('product_details');
      expect(r.response).toMatch(new RegExp(`^${first!.name}`));
    },
  );

  it.each(['how long does express take?', 'and express?', 'how fast is express?', 'express how long'])(
    'a question after shipping talk is about shipping: %s',
    async (follow) => {
      const say = chat();
      await say('how much is shipping?');
      const r = await say(follow);
      expect(r.current_intent).toBe('shipping_info');
      expect(r.response).toMatch(/Express \(1-2 business days/);
    },
  );

  it.each(['and hoodies?', 'what about Velo'])(
    'a product after shipping talk is shopping, not shipping: %s',
    async (follow) => {
      const say = chat();
      await say('how much is shipping?');
      const r = await say(follow);
      expect(r.current_intent).not.toBe('shipping_info');
      expect(r.data.products?.length).toBeGreaterThan(0);
    },
  );
});

describe('a second request after an order', () => {
  it('reads the customer afresh: the points stated are those left after the order redeemed some', async () => {
    const say = chat('user123');
    const before = (await ctx.storage.customers.get('user123'))!.loyalty_points;
    expect(before).toBeGreaterThan(200);
    const list = await say('show me hoodies');
    const first = list.data.products![0]!;
    const product = (await ctx.storage.products.get(first.product_id))!;
    const v = product.variants[0]!;
    await say(`add the first one in ${v.color} size ${v.size}`);
    await say('checkout and redeem 200 points');
    expect((await say('pickup')).response).toMatch(/200 points redeemed/);
    const r = await say('yes, and how many points do I have now?');
    const after = (await ctx.storage.customers.get('user123'))!.loyalty_points;
    expect(after).toBe(before - 200);
    expect(r.response).toContain(`with ${after.toLocaleString('en-US')} points`);
  });
});
