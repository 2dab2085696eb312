import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { createTestContext } from '../testing/test-context.js';
import { conversation } from '../testing/conversation.js';

// Kinds of product the sample shop does not carry, asked for in several styles: said so with the
// customer's word, never answered with products that only share letters with it.
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
});
afterAll(async () => ctx.close());

let n = 0;
const chat = () => conversation(ctx.engine, `types-${++n}`);
const CLOTHING = ['jackets', 't-shirts', 'dresses', 'hoodies', 'shoes'];

describe('a kind of product the shop does not carry', () => {
  it.each([
    ['Can you show me some side tables?', 'tables'],
    ['any cheap velvet armchairs', 'armchairs'],
    ['i need a dresser for the spare room', 'dressers'],
  ])('offers the home range for furniture: %s', async (message, said) => {
    const r = await chat()(message);
    expect(r.response).toContain(`We don't carry ${said}.`);
    expect(r.response).toMatch(/nearest we have is our home range/);
    expect(r.data.products?.length).toBeGreaterThan(0);
    expect(r.data.products!.every((p) => p.category === 'home')).toBe(true);
  });

  it.each([
    ['got any skinny jeans?', 'jeans'],
    ['Do you stock pleated skirts', 'skirts'],
    ['grey sweatpants, size M', 'sweatpants'],
  ])('offers the nearest clothing: %s', async (message, said) => {
    const r = await chat()(message);
    expect(r.response).toContain(`We don't carry ${said}.`);
    expect(r.data.products?.length).toBeGreaterThan(0);
    expect(r.data.products!.every((p) => CLOTHING.includes(p.category))).toBe(true);
  });

  it.each([
    ['do you sell printers?', 'printers'],
    ['a 4k television please', 'televisions'],
  ])('names the department it would be in, showing nothing unrelated: %s', async (message, said) => {
    const r = await chat()(message);
    expect(r.response).toContain(`We don't carry ${said}. In electronics we have`);
    expect(r.data.products ?? []).toHaveLength(0);
  });

  it.each([
    ['looking for chocolate biscuits', 'biscuits'],
    ['have you got any jigsaw puzzles', 'jigsaw puzzles'],
    ['I want a teddy bear for my niece', 'teddy bears'],
  ])('says what the shop does sell when nothing is related: %s', async (message, said) => {
    const r = await chat()(message);
    expect(r.response).toContain(`We don't carry ${said}. What we do sell:`);
    expect(r.data.products ?? []).toHaveLength(0);
  });

  it('keeps saying so when the customer narrows the price', async () => {
    const say = chat();
    await say('show me your coffee tables');
    const next = await say('anything under $60?');
    expect(next.response).toContain("We don't carry coffee tables.");
    expect(next.data.products!.every((p) => p.category === 'home' && p.price < 60)).toBe(true);
  });
});

describe('a kind of product the shop carries', () => {
  it.each([
    ['have you got zip hoodies', 'hoodies'],
    ['parkas under $150', 'jackets'],
    ['trail running shoes in size 9', 'shoes'],
    ['a red wrap dress', 'dresses'],
    ['need some earbuds', 'headphones'],
    ['a lamp for my bedside table', 'home'],
    ['a phone with a decent camera', 'phones'],
    // A category word alone, however it reads by itself.
    ['phone', 'phones'],
    ['laptops?', 'laptops'],
  ])('shows products of its category: %s', async (message, category) => {
    const r = await chat()(message);
    expect(r.response).not.toMatch(/don't carry/);
    expect(r.data.products?.length).toBeGreaterThan(0);
    expect(r.data.products!.every((p) => p.category === category)).toBe(true);
  });
});

describe('a kind the shop carries under another word', () => {
  it.each(['rucksack', 'a grey knapsack please', 'got any rucksacks?'])(
    "finds it by the catalogue's word: %s",
    async (message) => {
      const r = await chat()(message);
      expect(r.response).not.toMatch(/don't (seem to )?carry/);
      expect(r.data.products?.length).toBeGreaterThan(0);
      expect(r.data.products!.every((p) => /backpack/i.test(p.name))).toBe(true);
      // Introduced by the kind found, not by the range it sits in ("4 sports & outdoor").
      expect(r.response).toMatch(/\bbackpacks\b/);
    },
  );
});
