import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import { moneyFormatter } from '../../domain/money.js';
import type { ConversationResult } from '../../engine.js';
import { conversation } from '../../testing/conversation.js';
import { createTestContext } from '../../testing/test-context.js';

// Product lists as a customer reads them: on the chat page the cards are the list and the text leads in to
// them; on WhatsApp, Telegram and SMS the text is the list. Next to a product, only what sets it apart.
let ctx: AppContext;
let money: (amount: number) => string;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
  money = moneyFormatter(ctx.config.shop.currency, ctx.config.shop.locale);
});
afterAll(async () => ctx.close());

let n = 0;
const guest = () => `list-replies-${++n}`;
const NUMBERED = /^\d+\. /m;

/** The numbered lines of a reply: name, price and the reason after it, if any. */
function listed(r: ConversationResult) {
  return r.response
    .split('\n')
    .map((l) => /^(\d+)\. (.+?) - (\S+)(?: \(only \d+ left\))?(?: - (.+))?$/.exec(l))
    .filter((m) => m !== null)
    .map(([, , name, price, reason]) => ({ name: name!, price: price!, reason }));
}

/** The chat page's reply: a lead-in and a question, no product named, no numbered line. */
function leadsIn(r: ConversationResult): string[] {
  expect(r.data.products?.length).toBeGreaterThan(1);
  expect(r.response).not.toMatch(NUMBERED);
  for (const p of r.data.products!) expect(r.response).not.toContain(p.name);
  return r.response.split('\n');
}

describe('a list of products: cards on the chat page, the list in text elsewhere', () => {
  it.each(['whatsapp', 'telegram', 'sms'] as const)(
    '"hoodies in medium": a one-line lead-in and a question on the chat page; every product listed on %s',
    async (channel) => {
      const web = await conversation(ctx.engine, guest(), 'web')('hoodies in medium');
      const [lead, ask, ...rest] = leadsIn(web);
      expect(rest).toEqual([]);
      expect(lead).toContain(`${web.data.products!.length} size M hoodies`);
      expect(ask).toMatch(/first one|one of these|catches your eye/);

      const text = await conversation(ctx.engine, guest(), channel)('hoodies in medium');
      expect(text.response.split('\n')[0]).toMatch(/size M hoodies/);
      expect(listed(text).map(({ name, price }) => ({ name, price }))).toEqual(
        text.data.products!.map((p) => ({ name: p.name, price: money(p.price) })),
      );
    },
  );

  it('keeps saying what it had to drop, and what the shop does not carry, without the list', async () => {
    const widened = await conversation(ctx.engine, guest(), 'web')('red hoodies in XXL');
    expect(widened.response).toMatch(/widened the search \(without the size filter\)/);
    leadsIn(widened);
    const say = conversation(ctx.engine, guest(), 'web');
    await say('show me dresses');
    const missing = await say('do you sell surfboards?');
    expect(missing.response).toMatch(/we don't seem to carry surfboards/);
    expect(missing.response).toContain(`Here are ${missing.data.products!.length} other dresses instead`);
    leadsIn(missing);
  });

  it('"sort by price": where the cards start and end on the chat page; the list in its new order on SMS', async () => {
    const say = conversation(ctx.engine, guest(), 'web');
    await say('hoodies in medium');
    const sorted = await say('sort by price');
    const cards = sorted.data.products!;
    const [first, last] = [cards[0]!, cards.at(-1)!];
    expect(first.price).toBeLessThanOrEqual(last.price);
    expect(sorted.response).toBe(
      `Sorted by price, lowest first: from the ${first.name} (${money(first.price)}) to the ${last.name} (${money(last.price)}).`,
    );

    const sms = conversation(ctx.engine, guest(), 'sms');
    await sms('hoodies in medium');
    const listedSorted = await sms('sort by price');
    expect(listedSorted.response.split('\n')).toEqual([
      'Sorted by price, lowest first:',
      ...listedSorted.data.products!.map(
        (p, i) => `${i + 1}. ${p.name} - ${money(p.price)}, rated ${p.rating.toFixed(1)}/5`,
      ),
    ]);
  });
});

describe('reasons next to products', () => {
  it.each(['show me laptops', 'hoodies in medium', 'black dresses'])(
    '"%s": no reason is given to most of the list, and each is true of its product',
    async (message) => {
      const r = await conversation(ctx.engine, guest(), 'whatsapp')(message);
      const lines = listed(r);
      expect(lines.length).toBeGreaterThan(2);
      const counts = new Map<string, number>();
      for (const l of lines) if (l.reason) counts.set(l.reason, (counts.get(l.reason) ?? 0) + 1);
      for (const [reason, count] of counts) expect(count, reason).toBeLessThanOrEqual(lines.length / 2);
      const products = r.data.products!;
      const lowest = Math.min(...products.map((p) => p.price));
      const best = Math.max(...products.map((p) => p.rating));
      lines.forEach((l, i) => {
        if (l.reason === 'the lowest price here') expect(products[i]!.price).toBe(lowest);
        if (l.reason?.startsWith('the best rated here')) {
          expect(l.reason).toBe(`the best rated here (${best.toFixed(1)} out of 5)`);
          expect(products[i]!.rating).toBe(best);
        }
        if (l.reason === 'a featured pick') expect(products[i]!.is_featured).toBe(true);
      });
    },
  );

  it("says once what every product shares from the customer's history, and keeps what sets some apart", async () => {
    const say = conversation(ctx.engine, 'user123', 'whatsapp');
    const headphones = await say('show me headphones');
    expect(listed(headphones).length).toBeGreaterThan(2);
    expect(headphones.response.match(/you bought the Northwind Sport Wireless Headphones/g)).toHaveLength(1);
    expect(headphones.response.split('\n')[0]).toMatch(
      /, chosen because you bought the Northwind Sport Wireless Headphones:$/,
    );
    // Only the Velo hoodies are "because you bought the Velo Pocket Crew T-Shirt" (a Velo shirt).
    const hoodies = await say('hoodies in medium');
    const products = hoodies.data.products!;
    const velo = listed(hoodies).flatMap((l, i) =>
      l.reason === 'because you bought the Velo Pocket Crew T-Shirt' ? [products[i]!] : [],
    );
    expect(velo.length).toBeGreaterThan(0);
    expect(velo.length).toBeLessThan(products.length);
    expect(velo.every((p) => p.brand === 'Velo')).toBe(true);
  });
});
