import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from './app/app-context.js';
import type { ConversationResult } from './engine.js';
import { ONLINE_LOCATION } from './domain/types.js';
import { createTestContext } from './testing/test-context.js';

/**
 * The bug reports that opened this work, as conversations through the engine on the sample shop, with
 * the shop's clock fixed at noon on a Wednesday in its time zone.
 */
let clock = new Date('2026-12-02T20:00:00Z');
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => clock });
});
afterAll(async () => ctx.close());

function chat(user: string) {
  let session: string | undefined;
  return async (message: string): Promise<ConversationResult> => {
    const r = await ctx.engine.processSalesConversation({
      userId: user,
      channel: 'web',
      message,
      ...(session ? { sessionId: session } : {}),
    });
    session = r.session_id;
    expect(r.has_errors, message).toBe(false);
    return r;
  };
}

const cartOf = async (user: string) => (await ctx.agents.cart.view(user)).items;

describe('references and cart edits do exactly what was said', () => {
  it('"add 2 of them in black" after "tell me more about the second one" adds the second product', async () => {
    const say = chat('conv-ref');
    const list = await say('show me laptops');
    const second = list.data.products?.[1];
    expect(second).toBeDefined();
    expect((await say('tell me more about the second one')).data.product?.product_id).toBe(
      second!.product_id,
    );
    const color = second!.colors.find((c) => c !== list.data.products?.[0]?.colors[0]) ?? second!.colors[0]!;
    const added = await say(`add 2 of them in ${color}`);
    expect(added.current_intent).toBe('add_to_cart');
    expect(await cartOf('conv-ref')).toMatchObject([{ product_id: second!.product_id, color, quantity: 2 }]);
    expect(added.response).toContain(`2 x ${second!.name}`);
  });

  it('"actually make that 1" sets the quantity and says so; "remove one" takes one off', async () => {
    const say = chat('conv-qty');
    await say('show me laptops');
    await say('add 3 of the first one in silver');
    const line = (await cartOf('conv-qty'))[0]!;
    expect(line.quantity).toBe(3);
    const one = await say('actually make that 2');
    expect((await cartOf('conv-qty'))[0]?.quantity).toBe(2);
    expect(one.response).toMatch(/now have 2 x/);
    const less = await say('remove one');
    expect((await cartOf('conv-qty'))[0]?.quantity).toBe(1);
    expect(less.response).toMatch(/Took 1 off: you now have 1 x/);
    const same = await say('make that 1');
    expect(same.response).toMatch(/already have 1 x .* nothing changed/);
    // "N more" adds to what is there, even when it is read as a change to the line.
    const more = await say('also throw in 2 more of the laptop');
    expect(more.current_intent).toBe('update_cart');
    expect((await cartOf('conv-qty'))[0]?.quantity).toBe(3);
  });

  it.each([
    ['add -5 of the first one', /at least 1/],
    ['add 1000000 of the first one', /at most 99/],
    ['add 1.5 of the first one', /whole numbers/],
    ['add 0 of the first one', /at least 1/],
  ])('"%s" is refused with a reason and changes nothing', async (message, reason) => {
    const user = `conv-bad-${message.length}`;
    const say = chat(user);
    await say('show me headphones');
    const r = await say(message);
    expect(r.response).toMatch(reason);
    expect(r.response).toMatch(/^Nothing was added/);
    expect(await cartOf(user)).toEqual([]);
  });

  it('swaps a line to another size, keeping the rest, and empties the cart', async () => {
    const say = chat('conv-swap');
    const list = await say('show me hoodies');
    const hoodie = list.data.products!.find((p) => p.sizes.includes('M') && p.sizes.includes('L'))!;
    await say(`add ${hoodie.product_id} in size M in ${hoodie.colors[0]}`);
    const before = (await cartOf('conv-swap'))[0]!;
    const swapped = await say('change the size to L');
    const after = (await cartOf('conv-swap'))[0]!;
    if (swapped.response.startsWith('Swapped')) {
      expect(after).toMatchObject({
        product_id: before.product_id,
        size: 'L',
        color: before.color,
        quantity: 1,
      });
    } else {
      // Out of L in that colour: nothing changed, and the reply says so.
      expect(swapped.response).toMatch(/^Nothing changed/);
      expect(after).toEqual(before);
    }
    await say('empty my cart');
    expect(await cartOf('conv-swap')).toEqual([]);
  });
});

describe('questions over the list shown', () => {
  it('answers cheapest, sort by price and compare from data', async () => {
    const say = chat('conv-list');
    const list = await say('show me hoodies');
    const prices = list.data.products!.map((p) => p.price);
    const cheapest = await say('which is the cheapest?');
    expect(cheapest.current_intent).toBe('sort');
    expect(cheapest.data.products?.[0]?.price).toBe(Math.min(...prices));
    const sorted = await say('sort by price');
    expect(sorted.data.products?.map((p) => p.price)).toEqual([...prices].sort((a, b) => a - b));
    const compared = await say('compare the first two');
    expect(compared.current_intent).toBe('compare');
    const [a, b] = sorted.data.products!;
    expect(compared.response).toContain(a!.name);
    expect(compared.response).toContain(b!.name);
  });

  it.each(['whats the diff between the {brand} ones', 'compare the {brand} ones'])(
    'compares the products a brand on screen names: %s',
    async (wording) => {
      const say = chat(`conv-compare-${wording.length}`);
      const list = (await say('show me hoodies')).data.products!;
      const brand = list.find((p, i) => i > 0 && list.findIndex((q) => q.brand === p.brand) < i)!.brand;
      const same = list.filter((p) => p.brand === brand);
      // Not the first two on the list: those would be compared by default.
      expect(list.slice(0, 2).every((p) => p.brand === brand)).toBe(false);
      const compared = await say(wording.replace('{brand}', brand));
      expect(compared.current_intent).toBe('compare');
      for (const p of same.slice(0, 3)) expect(compared.response).toContain(p.name);
    },
  );

  it('reads "the pullover one" after a comparison as the compared product it names', async () => {
    const say = chat('conv-compare-then-one');
    const list = (await say('show me hoodies')).data.products!;
    const [a, b] = list.filter((p) => p.brand === 'Velo');
    expect(b).toBeDefined();
    await say('compare the velo ones');
    // A word of one compared name that is not in the other's.
    const word = b!.name.split(' ').find((w) => !a!.name.includes(w))!;
    const r = await say(`ok the ${word.toLowerCase()} one, is it warm?`);
    expect(r.data.product?.product_id).toBe(b!.product_id);
  });

  it('shows the next page for "show me more" and the same kind for "something similar"', async () => {
    const say = chat('conv-more');
    const first = await say('show me jackets');
    const seen = new Set(first.data.products!.map((p) => p.product_id));
    const more = await say('show me more');
    expect(more.data.products?.length).toBeGreaterThan(0);
    expect(more.data.products!.some((p) => seen.has(p.product_id))).toBe(false);
    const focus = await say('tell me about the first one');
    const similar = await say('something similar please');
    expect(similar.data.products?.length).toBeGreaterThan(0);
    expect(similar.data.products!.every((p) => p.category === focus.data.product?.category)).toBe(true);
    expect(similar.data.products!.some((p) => p.product_id === focus.data.product?.product_id)).toBe(false);
  });
});

describe('honest answers', () => {
  it('says when the shop does not carry something, and labels the alternatives', async () => {
    const r = await chat('conv-teapot')('do you have a teapot?');
    expect(r.response).toMatch(/We don't carry teapots\. The nearest we have is our kitchen range/);
    expect(r.response).toMatch(/instead/);
    expect(r.data.products!.every((p) => p.category === 'kitchen')).toBe(true);
  });

  it('gives a person, not products, to "I\'d like to speak to a real person please"', async () => {
    const r = await chat('conv-person')("I'd like to speak to a real person please");
    expect(r.current_intent).toBe('human_agent');
    expect(r.data.products).toBeUndefined();
    expect(r.response).toContain(ctx.config.shop.contact.email!);
  });

  it('answers a French message offline in French, with no products', async () => {
    const r = await chat('conv-fr')('Je cherche une robe rouge pour un mariage');
    expect(r.data.products).toBeUndefined();
    expect(r.response).toMatch(/ne comprends que l'anglais/);
  });

  it('offers a person after two messages in a row it could not understand', async () => {
    const say = chat('conv-lost');
    const first = await say('flibber wibble');
    expect(first.response).toMatch(/not sure I understood/);
    expect(first.data.products).toBeUndefined();
    const second = await say('zorp blim quank');
    expect(second.response).toContain(ctx.config.shop.contact.email!);
  });

  it('answers "are you a bot?" truthfully', async () => {
    expect((await chat('conv-bot')('are you a bot?')).response).toMatch(/automated|bot/);
  });
});

describe('checkout is a confirmed step', () => {
  it('"checkout" shows a summary and places nothing; "yes" places it once', async () => {
    const user = 'customer020';
    const say = chat(user);
    await say('show me headphones');
    await say('add the first one');
    const ordersBefore = await ctx.storage.orders.listForUser(user);
    const asked = await say('checkout');
    expect(asked.response).toMatch(/Where should I ship it/);
    const summary = await say('12 Market St, San Francisco, CA 94103');
    expect(summary.data.checkout?.summary.fulfilment).toMatchObject({
      type: 'ship',
      address: { line1: '12 Market St', city: 'San Francisco', postal_code: '94103' },
    });
    expect(summary.response).toMatch(/Standard shipping \(2-5 business days\)/);
    expect(await ctx.storage.orders.listForUser(user)).toEqual(ordersBefore);
    const placed = await say('yes');
    expect(placed.data.order?.total).toBe(summary.data.checkout?.summary.totals.total);
    const again = await say('yes');
    expect(again.data.order).toBeUndefined();
    expect(again.response).toMatch(/already placed/);
    expect(await ctx.storage.orders.listForUser(user)).toHaveLength(ordersBefore.length + 1);
  });

  it('shows the summary again when the cart changed or the summary expired, instead of placing', async () => {
    const user = 'customer021';
    const say = chat(user);
    const list = await say('show me headphones');
    await say('add the first one');
    const first = await say('checkout, ship to 1 Main Street, Springfield, 97403');
    expect(first.data.checkout?.summary.fulfilment).toMatchObject({
      address: { line1: '1 Main Street', city: 'Springfield', postal_code: '97403' },
    });
    const second = list.data.products![1]!;
    await say(`add ${second.product_id}${second.colors[0] ? ` in ${second.colors[0]}` : ''}`);
    const changed = await say('yes');
    expect(changed.data.order).toBeUndefined();
    expect(changed.response).toMatch(/changed since the summary, so nothing was ordered/);
    clock = new Date(clock.getTime() + 16 * 60_000);
    const expired = await say('yes');
    expect(expired.data.order).toBeUndefined();
    expect(expired.response).toMatch(/expired/);
    const placed = await say('yes');
    expect(placed.data.order?.items).toHaveLength(2);
  });

  it("takes a guest's address in pieces, then the email, then shows the summary", async () => {
    const say = chat('guest-pieces');
    const list = await say('show me headphones');
    const item = list.data.products![0]!;
    await say(`add ${item.product_id}${item.colors[0] ? ` in ${item.colors[0]}` : ''}`);
    expect((await say('chekout')).response).toMatch(/Where should I ship it/);
    expect((await say('221B Baker Street')).response).toMatch(/still need the town or city and postcode/);
    expect((await say('London NW1 6XE')).response).toMatch(/email address or phone number/);
    const summary = await say('jo@example.com');
    expect(summary.data.checkout?.summary.fulfilment).toMatchObject({
      type: 'ship',
      address: { line1: '221B Baker Street', city: 'London', postal_code: 'NW1 6XE' },
      contact: 'jo@example.com',
    });
    // Asking for another method is a new summary, not "your cart changed".
    const express = ctx.config.shop.shipping.find((m) => m.id === 'express')!;
    const faster = await say('make it express');
    expect(faster.data.checkout?.summary.fulfilment).toMatchObject({ method: 'express' });
    expect(faster.data.checkout?.summary.totals.shipping).toBe(express.cost);
    expect(faster.response).not.toMatch(/changed/);
    expect((await say('yes')).data.order?.shipping).toBe(express.cost);
  });

  it('never takes a "yes" to another question as confirming the summary shown earlier', async () => {
    const user = 'customer022';
    const say = chat(user);
    await say('show me headphones');
    await say('add the first one');
    const summary = await say('checkout, ship to 12 Market St, San Francisco, CA 94103');
    expect(summary.data.checkout).toBeDefined();
    await say('tell me more about the second one');
    const yes = await say('yes');
    // The "yes" answered "shall I add it?": it adds the product, and no order is placed.
    expect(yes.current_intent).toBe('add_to_cart');
    expect(yes.data.order).toBeUndefined();
    expect(await ctx.storage.orders.listForUser(user)).toEqual([]);
  });

  it('prices the points asked for after the summary, and confirms only the new summary', async () => {
    const user = 'customer023';
    const say = chat(user);
    const list = await say('show me laptops');
    const laptop = list.data.products![0]!;
    await say(`add ${laptop.product_id} in ${laptop.colors[0]}`);
    const first = await say('checkout, ship to 12 Market St, San Francisco, CA 94103');
    expect(first.data.checkout?.summary.totals.points_redeemed).toBe(0);
    const redeem = await say('redeem 100 points');
    expect(redeem.data.redemption).toMatchObject({ ok: true, points: 100 });
    const again = await say('checkout');
    expect(again.data.checkout?.summary.totals.points_redeemed).toBe(100);
    const placed = await say('yes');
    expect(placed.data.order).toMatchObject({ points_redeemed: 100 });
  });

  it('keeps points asked for in the checkout message through the "yes"', async () => {
    const user = 'customer024';
    const say = chat(user);
    const list = await say('show me laptops');
    const laptop = list.data.products![0]!;
    await say(`add ${laptop.product_id} in ${laptop.colors[0]}`);
    const summary = await say('checkout with 200 points, ship to 12 Market St, San Francisco, CA 94103');
    expect(summary.data.checkout?.summary.totals.points_redeemed).toBe(200);
    const placed = await say('yes');
    expect(placed.data.order).toMatchObject({ points_redeemed: 200 });
  });

  afterEach(() => {
    clock = new Date('2026-12-02T20:00:00Z');
  });

  it('refuses to confirm a pickup once the store has closed', async () => {
    clock = new Date('2026-12-03T04:50:00Z'); // 20:50 on Wednesday in Los Angeles
    const stores = await ctx.storage.inventory.stores();
    const products = await ctx.storage.products.search({ category: 'headphones', limit: 40 });
    let pick: { product: string; store: (typeof stores)[number] } | undefined;
    for (const p of products) {
      const levels = await ctx.storage.inventory.stockForProduct(p.product_id);
      const store = stores.find(
        (s) =>
          !Object.hasOwn(ctx.config.shop.pickup.time_zones, s.store_id) &&
          s.opening_hours.endsWith('21:00') &&
          levels.some((l) => l.location_id === s.store_id && l.quantity > 0),
      );
      if (
        store &&
        p.variants.length === 1 &&
        levels.some((l) => l.location_id === ONLINE_LOCATION && l.quantity > 0)
      )
        pick ??= { product: p.product_id, store };
    }
    expect(pick).toBeDefined();
    const say = chat('guest-late');
    await say(`add ${pick!.product}`);
    await say(`checkout with pickup at ${pick!.store.name}`);
    const summary = await say('jo@example.com');
    expect(summary.response).toMatch(/ready today until 21:00/);
    clock = new Date('2026-12-03T05:02:00Z'); // 21:02: closed
    const yes = await say('yes');
    expect(yes.data.order).toBeUndefined();
    expect(yes.response).toMatch(/Nothing was ordered|closed/);
  });

  it('books pickup at the store named when it can hand over every line today, or says why not', async () => {
    const stores = await ctx.storage.inventory.stores();
    const oakland = stores.find((s) => s.city === 'Oakland')!;
    // A product Oakland has none of, that another store nearby holds.
    const products = await ctx.storage.products.search({ category: 'headphones', limit: 40 });
    let lacking: string | undefined;
    let held: string | undefined;
    for (const p of products) {
      const levels = await ctx.storage.inventory.stockForProduct(p.product_id);
      const at = (loc: string) =>
        levels.filter((l) => l.location_id === loc).reduce((n, l) => n + l.quantity, 0);
      const single = p.variants.length === 1;
      if (single && at(oakland.store_id) === 0 && at(ONLINE_LOCATION) > 0) lacking ??= p.product_id;
      if (single && at(oakland.store_id) > 0 && at(ONLINE_LOCATION) > 0) held ??= p.product_id;
    }
    expect(lacking && held).toBeTruthy();

    const say = chat('guest-pickup');
    await say(`add ${lacking}`);
    const refused = await say('checkout with pickup at Oakland');
    expect(refused.response).toMatch(new RegExp(`${oakland.name} can't supply`));
    expect(refused.response).toMatch(/Nothing was ordered/);

    const say2 = chat('guest-pickup-2');
    await say2(`add ${held}`);
    const contact = await say2('checkout with pickup at Oakland');
    expect(contact.response).toMatch(/email address or phone number/);
    const summary = await say2('jo@example.com');
    expect(summary.data.checkout?.summary.fulfilment).toEqual({
      type: 'pickup',
      store_id: oakland.store_id,
      contact: 'jo@example.com',
    });
    expect(summary.response).toContain(`Pickup at ${oakland.name}`);
    expect(summary.response).toMatch(/ready today (from \d+:\d+ )?(to|until) \d+:\d+/);
    const placed = await say2('yes');
    expect(placed.data.order?.fulfilment).toMatchObject({ type: 'pickup', store_id: oakland.store_id });
  });
});
