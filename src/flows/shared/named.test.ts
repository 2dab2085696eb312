import { describe, expect, it } from 'vitest';
import type { ShownProduct } from '../conversation.js';
import { namedAmong, whichOneText } from './named.js';

const product = (product_id: string, brand: string, name: string): ShownProduct =>
  ({
    product_id,
    brand,
    name,
    category: 'hoodies',
    colors: [],
    sizes: [],
    price: 1,
  }) as unknown as ShownProduct;

const shown = [
  product('A', 'Velo', 'Velo Zip Hoodie'),
  product('B', 'Velo', 'Velo Tech Oversized Hoodie'),
  product('C', 'Lumen', 'Lumen Tab 8 Tablet'),
  product('D', 'Lumen', 'Lumen Tab 8 Tablet Gen 4'),
  product('E', 'Lumen', 'Lumen Tab Kids Tablet'),
];
const ids = (text: string, message?: string) => namedAmong(shown, text, message).map((p) => p.product_id);

describe('the products a name fits', () => {
  it('is the one named in full, the longest full name the message holds', () => {
    expect(ids('Lumen Tab', 'add the Lumen Tab 8 Tablet')).toEqual(['C']);
    expect(ids('Lumen Tab', 'tell me about the lumen tab 8 tablet gen 4 pls')).toEqual(['D']);
  });

  it('is every one the words fit equally, never an arbitrary pick among them', () => {
    expect(ids('Velo hoodie')).toEqual(['A', 'B']);
    expect(ids('Lumen Tab 8')).toEqual(['C', 'D']);
    expect(ids('Velo Tech')).toEqual(['B']);
    expect(ids('Northwind')).toEqual([]);
  });

  it('asks which, naming them, only when several fit', () => {
    expect(whichOneText(shown, 'the Velo one')).toBe(
      'Which one do you mean: the Velo Zip Hoodie or the Velo Tech Oversized Hoodie?',
    );
    expect(whichOneText(shown, 'Velo Tech')).toBeNull();
  });
});
