import { describe, expect, it } from 'vitest';
import { createCatalogueTypes } from './catalogue-types.js';
import { headOf, lookupType, pluralPhrase, typeIn } from './taxonomy.js';

describe('product types', () => {
  it('knows a kind by its singular, its plural and a multi-word name', () => {
    expect(lookupType('sofa')?.department).toBe('Furniture');
    expect(lookupType('wardrobes')?.department).toBe('Furniture');
    expect(lookupType('jeans')?.path).toContain('trousers');
    expect(lookupType('coffee tables')?.path.at(-1)).toBe('coffee table');
    expect(lookupType('knives')).not.toBeNull();
    expect(lookupType('tablets')?.department).toBe('Electronics');
    expect(lookupType('flibber')).toBeNull();
  });

  it('reads the head of a request, not its modifiers or what it is for', () => {
    expect(typeIn('cheap velvet armchairs')?.said).toBe('armchairs');
    expect(typeIn('a bench for my hallway')?.said).toBe('bench');
    expect(typeIn('a phone with a decent camera')?.said).toBe('phone');
    expect(typeIn('anything in medium under $80?')).toBeNull();
    expect(headOf('Lumen Table Lamp Nordic')?.said).toBe('table lamp');
    expect(headOf('Harbor Denim Insulated Jacket')?.said).toBe('jacket');
    expect(pluralPhrase('kitchen knife')).toBe('kitchen knives');
    // A type word ending in s is still singular ("dress"); a word said in the plural stays so.
    expect(pluralPhrase('dress')).toBe('dresses');
    expect(pluralPhrase('sofas')).toBe('sofas');
  });
});

describe('what a catalogue carries', () => {
  const fashion = createCatalogueTypes([
    { category: 'jackets', synonyms: ['coat'], names: ['Harbor Denim Insulated Jacket', 'Field Parka Pro'] },
    { category: 'hoodies', synonyms: [], names: ['Velo Zip Hoodie'] },
    { category: 'dresses', synonyms: [], names: ['Wrap Midi Dress'] },
    {
      category: 'home',
      synonyms: ['furniture', 'lamp'],
      names: ['Lumen Table Lamp Nordic', 'Nest Cushion Linen'],
    },
    { category: 'laptops', synonyms: ['computer'], names: ['Northwind ProBook 14 Laptop'] },
  ]);

  it('carries what its products are and the kinds below them', () => {
    expect(fashion.judge('table lamps')).toMatchObject({ carried: true, categories: ['home'] });
    expect(fashion.judge('a raincoat')).toMatchObject({ carried: true, categories: ['jackets'] });
    expect(fashion.judge('sweatshirts')).toMatchObject({ carried: true, categories: ['hoodies'] });
  });

  it('does not carry a kind a product name only borrows a word from', () => {
    expect(fashion.judge('tables')).toMatchObject({ carried: false, said: 'tables' });
    expect(fashion.judge('jeans')).toMatchObject({ carried: false });
  });

  it('offers the category that sits closest in the taxonomy', () => {
    const sofa = fashion.judge('a grey corner sofa');
    expect(sofa).toMatchObject({ carried: false, relation: 'kind', nearest: [{ category: 'home' }] });
    const skirt = fashion.judge('pleated skirts');
    expect(skirt?.carried).toBe(false);
    if (skirt?.carried === false) {
      expect(skirt.relation).toBe('kind');
      expect(skirt.nearest.map((n) => n.category).sort()).toEqual(['hoodies', 'jackets']);
    }
    expect(fashion.judge('desktop computers')).toMatchObject({
      relation: 'kind',
      nearest: [{ category: 'laptops' }],
    });
  });

  it('names the whole catalogue when nothing in it is related', () => {
    const verdict = fashion.judge('tennis balls');
    expect(verdict).toMatchObject({ carried: false, relation: 'none' });
  });

  it('judges an imported catalogue by its own categories and names', () => {
    const furniture = createCatalogueTypes([
      { category: 'sofas', synonyms: [], names: ['Oslo Three-Seater Sofa', 'Bergen Loveseat'] },
      { category: 'tables', synonyms: [], names: ['Aalto Oak Dining Table', 'Ro Coffee Table'] },
      { category: 'rugs', synonyms: [], names: ['Kilim Wool Rug'] },
    ]);
    expect(furniture.judge('coffee tables')).toMatchObject({ carried: true, categories: ['tables'] });
    expect(furniture.judge('couches')).toMatchObject({ carried: true, categories: ['sofas'] });
    const wardrobe = furniture.judge('a big wardrobe');
    expect(wardrobe).toMatchObject({ carried: false, relation: 'kind' });
    if (wardrobe?.carried === false) {
      expect(wardrobe.nearest.map((n) => n.category).sort()).toEqual(['sofas', 'tables']);
    }
    expect(furniture.judge('jeans')).toMatchObject({ carried: false, relation: 'none' });
  });
});
