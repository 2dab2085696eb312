import {
  ancestorsOf,
  closeness,
  lookupType,
  pluralPhrase,
  headOf,
  typeIn,
  type NamedType,
  type ProductType,
} from './taxonomy.js';

/** A category of a shop's catalogue as the shop has it: its name, the words customers use for it, its products. */
export interface CatalogueCategory {
  category: string;
  synonyms: readonly string[];
  /** The names of the products in it. */
  names: readonly string[];
}

/** A category the shop carries that sits closest to a type it does not, with the kinds it holds. */
export interface NearestCategory {
  category: string;
  /** The kinds of product in it, plural ("table lamps", "cushions"); empty when its name says what it holds. */
  holds: string[];
}

/** Whether the shop carries the product type a message names. */
export type TypeVerdict =
  | (NamedType & {
      carried: true;
      categories: string[];
      /** The word the catalogue's product names use for that kind, when the customer said another ("rucksack": "backpack"). */
      known_as?: string;
    })
  | (NamedType & {
      carried: false;
      /** The carried categories closest to the type; every category when none is related. */
      nearest: NearestCategory[];
      /**
       * How the nearest relate: they share a kind with the type ("sofa" and the home range's
       * "furniture"), only its department (Electronics), or nothing (the whole catalogue).
       */
      relation: 'kind' | 'department' | 'none';
    });

export type NotCarried = Extract<TypeVerdict, { carried: false }>;

export interface CatalogueTypes {
  /** The verdict on the product type the search words name; null when they name none. */
  judge(text: string): TypeVerdict | null;
}

/** Most categories offered instead of one the shop doesn't carry, and most kinds named per category. */
const MAX_NEAREST = 4;
const MAX_HOLDS = 4;

interface Known {
  category: string;
  /** Types the category is or holds: its name's and its products'. A type below one of these is carried. */
  own: NamedType[];
  /** Types its synonyms name: carried as they are; below them only when they are narrower than a department's root kind. */
  synonyms: ProductType[];
  /** Every product's type, of a main kind or not (an "Espresso Machine" is taken for an espresso), and the words naming it. */
  heads: Map<number, string>;
}

/** Least share of a category's products a department must hold for their kinds to count as its own. */
const MAIN_SHARE = 0.25;

/**
 * The kinds a category's products are, from the departments that hold a fair
 * share of them: an "Espresso Machine" names a drink, which makes no kitchen range a drinks shop.
 */
function mainKinds(kinds: NamedType[]): NamedType[] {
  const share = new Map<string, number>();
  for (const k of kinds) share.set(k.type.department, (share.get(k.type.department) ?? 0) + 1 / kinds.length);
  return kinds.filter((k) => (share.get(k.type.department) ?? 0) >= MAIN_SHARE);
}

/** The type a category's name is ("t-shirts", "sports-outdoor" is none). */
const nameType = (category: string): ProductType | null =>
  lookupType(category) ?? lookupType(category.replace(/-/g, ' '));

/** "backpack" and "backpacks" are one word to a shopper. */
const sameWord = (a: string, b: string): boolean => pluralPhrase(a) === pluralPhrase(b.toLowerCase());

const isBelow = (type: ProductType, above: ProductType): boolean => ancestorsOf(type).includes(above.node);

/**
 * What a catalogue carries, by kind of product: decided from its categories, their synonyms and its
 * product names (a product's kind is its name's last type word: "Aurora Table Lamp" is a table lamp,
 * so a shop with one carries table lamps, not tables). A type not carried gets the categories whose
 * kinds share the deepest kind with it.
 */
export function createCatalogueTypes(categories: readonly CatalogueCategory[]): CatalogueTypes {
  const known: Known[] = categories.map((c) => {
    const name = nameType(c.category);
    const heads = c.names.map(headOf).filter((h): h is NamedType => h !== null);
    const own = [...(name ? [{ said: c.category, type: name }] : []), ...mainKinds(heads)];
    const synonyms = c.synonyms.map(lookupType).filter((t): t is ProductType => t !== null);
    return { category: c.category, own, synonyms, heads: new Map(heads.map((h) => [h.type.node, h.said])) };
  });

  const carries = (k: Known, type: ProductType): boolean =>
    k.heads.has(type.node) ||
    k.own.some((o) => isBelow(type, o.type) || isBelow(o.type, type)) ||
    k.synonyms.some((s) => s.node === type.node || (s.path.length > 1 && isBelow(type, s)));

  const holdsOf = (k: Known): string[] => {
    if (nameType(k.category)) return [];
    const kinds = new Map<number, string>();
    for (const o of k.own) if (!kinds.has(o.type.node)) kinds.set(o.type.node, pluralPhrase(o.said));
    return [...kinds.values()].slice(0, MAX_HOLDS);
  };

  const nearestTo = (type: ProductType): Pick<NotCarried, 'nearest' | 'relation'> => {
    const scored = known
      .map((k) => {
        const scores = [...k.own.map((o) => o.type), ...k.synonyms]
          .map((t) => closeness(type, t))
          .filter((s): s is number => s !== null);
        return { k, score: scores.length ? Math.max(...scores) : null };
      })
      .filter((s): s is { k: Known; score: number } => s.score !== null);
    if (scored.length === 0) {
      return { nearest: known.map((k) => ({ category: k.category, holds: [] })), relation: 'none' };
    }
    const best = Math.max(...scored.map((s) => s.score));
    const nearest = scored
      .filter((s) => s.score === best)
      .slice(0, MAX_NEAREST)
      .map((s) => ({ category: s.k.category, holds: holdsOf(s.k) }));
    return { nearest, relation: best >= 0 ? 'kind' : 'department' };
  };

  return {
    judge(text) {
      const named = typeIn(text);
      if (!named) return null;
      const carrying = known.filter((k) => carries(k, named.type)).map((k) => k.category);
      const word = known.map((k) => k.heads.get(named.type.node)).find((w) => w !== undefined);
      const other =
        word !== undefined && lookupType(named.said)?.node === named.type.node && !sameWord(word, named.said);
      if (carrying.length > 0)
        return { ...named, carried: true, categories: carrying, ...(other ? { known_as: word } : {}) };
      return { ...named, carried: false, ...nearestTo(named.type) };
    },
  };
}
