import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { createTestContext } from '../testing/test-context.js';
import { conversation } from '../testing/conversation.js';

// What a new user met, each in a few wordings: a person asked for after "and", whom a product is for, and
// a place asked about after a stock question.
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
});
afterAll(async () => ctx.close());

let n = 0;
const chat = (userId = `new-user-${++n}`) => conversation(ctx.engine, userId);

describe('a new user', () => {
  it.each([
    'my parcel arrived damaged and I want to speak to a human',
    'the box came crushed and i need to talk to a real person',
    'got the wrong colour again and can I speak to someone from your team',
  ])('is handed to a person when they ask for one after "and": %s', async (message) => {
    const r = await chat('user123')(message);
    expect(r.current_intent).toBe('human_agent');
    expect(r.response).toMatch(/asked a person from the .* team to take over this chat/);
  });

  it.each([
    ["hi! I'm looking for a hoodie for my son", 'hoodies'],
    ['need a jacket for my wife', 'jackets'],
  ])('is shown products for someone, not told "son" is not carried: %s', async (message, category) => {
    const say = chat();
    const first = await say(message);
    expect(first.response).not.toMatch(/don't seem to carry/);
    expect(first.data.products?.length).toBeGreaterThan(0);
    expect(first.data.products!.every((p) => p.category === category)).toBe(true);
    // The next refinement is not overridden by a stale word.
    const next = await say('anything in medium under $80?');
    expect(next.response).not.toMatch(/don't seem to carry/);
    expect(next.data.products!.every((p) => p.price < 80 && p.category === category)).toBe(true);
  });

  it.each(['what about in Oakland?', 'and in Oakland?', 'how about Oakland'])(
    'keeps the product when asking about a place after a stock question: %s',
    async (followUp) => {
      const say = chat();
      const list = await say('show me hoodies');
      const product = list.data.products![1]!;
      await say(`is the ${product.name} in stock?`);
      const there = await say(followUp);
      expect(there.current_intent).toBe('inventory_check');
      expect(there.response).toContain(product.name);
      expect(there.response).toContain('Oakland');
    },
  );

  it('cancels on "yes, cancel it" instead of asking again', async () => {
    const owner = (await ctx.orders.get('ORD-5A3F0201'))!.user_id;
    const say = chat(owner);
    expect((await say('I want to cancel my order ORD-5A3F0201')).response).toMatch(
      /^Cancel order ORD-5A3F0201 .*Reply yes to cancel it, or no to keep it\.$/,
    );
    const done = await say('yes, cancel it');
    expect(done.response).not.toMatch(/Reply yes to cancel it/);
    expect((await ctx.orders.get('ORD-5A3F0201'))!.status).toBe('cancelled');
  });

  it.each(['is the {colour} one in stock near oakland?', 'do u have it in {colour}', 'any in {colour}?'])(
    'hears that a product is not made in a colour, not that it is out of stock: %s',
    async (wording) => {
      const say = chat();
      const list = await say('show me hoodies');
      const product = (await ctx.storage.products.get(list.data.products![1]!.product_id))!;
      const colours = new Set(product.variants.map((v) => v.color));
      const missing = ['black', 'red', 'green', 'navy', 'white', 'grey', 'blue'].find((c) => !colours.has(c));
      expect(missing).toBeDefined();
      await say('tell me more about the second one');
      const r = await say(wording.replace('{colour}', missing!));
      expect(r.response).toContain(`${product.name} doesn't come in ${missing}`);
      expect(r.response).not.toMatch(/out of stock/);
      for (const c of colours) expect(r.response).toContain(c!);
    },
  );

  it.each(['can you change the size in my order to L?', 'change the size on my order to L pls'])(
    'with no order placed yet, changes the cart it is about to order: %s',
    async (wording) => {
      const userId = `new-user-${++n}`;
      const say = chat(userId);
      const list = await say('show me hoodies');
      const product = (await ctx.storage.products.get(list.data.products![1]!.product_id))!;
      const m = product.variants.find((v) => v.size === 'M')!;
      await say(`add the second one in ${m.color} size M`);
      await say('checkout');
      const r = await say(wording);
      expect(r.response).not.toMatch(/can't change/);
      const [line] = (await ctx.storage.carts.get(userId)).items;
      expect(line).toMatchObject({ product_id: product.product_id, size: 'L' });
    },
  );

  it('asks stock of the colour and size in the cart when none is said', async () => {
    const userId = `new-user-${++n}`;
    const say = chat(userId);
    const list = await say('show me hoodies');
    const product = (await ctx.storage.products.get(list.data.products![1]!.product_id))!;
    const v = product.variants.find((x) => x.size === 'M')!;
    await say(`add the second one in ${v.color} size M`);
    const r = await say('do u have it in a store in oakland?');
    expect(r.data.inventory).toMatchObject({ variant: { color: v.color, size: 'M' } });
  });

  it('takes a product named in full before it is shown, then "it" and a letter size beside a colour', async () => {
    const listed = (await chat()('show me hoodies')).data.products!;
    const card = listed.find((p) => p.variant_stock.some((v) => v.online > 0 && v.color && v.size))!;
    const v = card.variant_stock.find((x) => x.online > 0 && x.color && x.size)!;
    const userId = `new-user-${++n}`;
    const say = chat(userId);
    await say(`show me the ${card.name}`);
    const asked = await say('add it');
    expect(asked.response).toContain(card.name);
    // Answered with something else first, then the size and colour the way people type them.
    await say('wait is it machine washable?');
    await say(`${v.size} in ${v.color} pls`);
    const items = (await ctx.storage.carts.get(userId)).items;
    expect(items).toEqual([
      expect.objectContaining({ product_id: card.product_id, color: v.color, size: v.size }),
    ]);
  });

  it('adds exactly the colour and size named with a comma between, in a first message', async () => {
    const listed = (await chat()('show me hoodies')).data.products!;
    // A one-letter size, which alone reads as a word ("l", "m").
    const sized = (x: { online: number; color: string | null; size: string | null }) =>
      x.online > 0 && Boolean(x.color) && (x.size === 'L' || x.size === 'M');
    const card = listed.find((p) => p.variant_stock.some(sized))!;
    const v = card.variant_stock.find(sized)!;
    const userId = `new-user-${++n}`;
    await chat(userId)(`add the ${card.name} in ${v.color}, ${v.size} to my cart`);
    expect((await ctx.storage.carts.get(userId)).items).toEqual([
      expect.objectContaining({ product_id: card.product_id, color: v.color, size: v.size, quantity: 1 }),
    ]);
  });
});
