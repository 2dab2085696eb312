import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import type { ProductCard } from '../agents/shared/product-card.js';
import { ONLINE_LOCATION } from '../domain/types.js';
import { conversation } from '../testing/conversation.js';
import { createTestContext } from '../testing/test-context.js';

// The cards a conversation sends start on the colour and size the customer asked for, and never on one
// that can't be ordered: the card data says which instead.
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
});
afterAll(async () => ctx.close());

const chat = (userId: string) => conversation(ctx.engine, userId);

/** Every unit of one size of a product gone from the online warehouse; stores keep theirs unless `everywhere`. */
async function sellOut(productId: string, size: string, everywhere = false) {
  const levels = await ctx.storage.inventory.stockForProduct(productId);
  const product = (await ctx.storage.products.get(productId))!;
  const skus = new Set(product.variants.filter((v) => v.size === size).map((v) => v.sku));
  await ctx.storage.inventory.setStock(
    levels
      .filter((l) => skus.has(l.sku) && (everywhere || l.location_id === ONLINE_LOCATION))
      .map((l) => ({ ...l, quantity: 0 })),
  );
}

describe('product cards', () => {
  it('after "hoodies in medium" start on size M, and say which variants there are', async () => {
    const say = chat('cards-medium');
    await say('show me hoodies');
    const turn = await say('in medium');
    const cards = turn.data.products as ProductCard[];
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.preselect).toEqual({ size: 'M', unavailable: [] });
      expect(card.variant_stock.some((v) => v.size === 'M' && v.online > 0)).toBe(true);
    }
  });

  it('of a product asked about as "the black medium one" start on black and M', async () => {
    const say = chat('cards-black-m');
    const list = (await say('show me hoodies')).data.products as ProductCard[];
    const black = list.find((p) => p.variant_stock.some((v) => v.color === 'black' && v.size === 'M'))!;
    const n = list.indexOf(black) + 1;
    const details = await say(`tell me more about the black medium one, number ${n}`);
    expect(details.current_intent).toBe('product_details');
    const card = details.data.product as ProductCard;
    expect(card.product_id).toBe(black.product_id);
    expect(card.preselect).toEqual({ color: 'black', size: 'M', unavailable: [] });
  });

  it('never start on a size asked for that is out of stock online, and say it is in stores only', async () => {
    const say = chat('cards-gone');
    const [first] = (await say('show me hoodies in medium')).data.products as ProductCard[];
    await sellOut(first!.product_id, 'M');
    const details = await say('tell me more about the first one');
    const card = details.data.product as ProductCard;
    expect(card.product_id).toBe(first!.product_id);
    expect(card.preselect).toEqual({
      unavailable: [{ option: 'size', value: 'M', reason: 'not_online' }],
    });
    await sellOut(first!.product_id, 'M', true);
    const again = (await say('tell me more about it')).data.product as ProductCard;
    expect(again.preselect?.unavailable).toEqual([{ option: 'size', value: 'M', reason: 'sold_out' }]);
    expect(again.variant_stock.filter((v) => v.size === 'M').every((v) => v.total === 0)).toBe(true);
  });
});
