import {
  CATEGORY_GROUPS,
  CATEGORY_SYNONYMS,
  COLORS,
  COLOR_SYNONYMS,
  SIZE_WORDS,
} from '../../domain/catalogue.js';
import { PLACES } from '../offline/places.js';
import type { Place } from '../port.js';

/** The shop's own words: what a model's free-text entities are mapped onto. */
export interface ShopVocabulary {
  categories: readonly string[];
  brands: readonly string[];
  places: readonly Place[];
}

/** Maps a model's words onto the catalogue's values; undefined when the shop has no such value. */
export interface EntityMapper {
  category(text: string): string | undefined;
  color(text: string): string | undefined;
  size(text: string): string | undefined;
  brand(text: string): string | undefined;
  place(text: string): Place | undefined;
}

const key = (text: string) => text.trim().toLowerCase();

export function createEntityMapper(vocabulary: ShopVocabulary): EntityMapper {
  const categories = new Map<string, string>();
  for (const [category, words] of Object.entries(CATEGORY_SYNONYMS)) {
    categories.set(category, category);
    for (const w of words) categories.set(w, category);
  }
  for (const group of Object.keys(CATEGORY_GROUPS)) categories.set(group, group);
  for (const c of vocabulary.categories) {
    categories.set(key(c), c);
    categories.set(key(c).replace(/-/g, ' '), c);
  }
  const colors = new Map<string, string>();
  for (const c of COLORS) for (const w of [c, ...(COLOR_SYNONYMS[c] ?? [])]) colors.set(w, c);
  const sizes = new Map<string, string>();
  for (const [size, words] of Object.entries(SIZE_WORDS)) {
    sizes.set(key(size), size);
    for (const w of words) sizes.set(w, size);
  }
  const brands = new Map(vocabulary.brands.map((b) => [key(b), b]));
  const places = new Map([...PLACES, ...vocabulary.places].map((p) => [key(p.name), p]));

  const lookup = <T>(map: Map<string, T>, text: string): T | undefined => {
    const k = key(text);
    return map.get(k) ?? (k.endsWith('s') ? map.get(k.slice(0, -1)) : map.get(`${k}s`));
  };

  return {
    category: (text) => lookup(categories, text),
    color: (text) => lookup(colors, text),
    size: (text) => sizes.get(key(text)) ?? (/^\d{1,2}(\.5)?$/.test(text.trim()) ? text.trim() : undefined),
    brand: (text) => brands.get(key(text)),
    place: (text) => places.get(key(text)),
  };
}
