import data from './product-types.json' with { type: 'json' };

/**
 * Kinds of product as WordNet 3.1 knows them (built by scripts/build-product-types.ts): each a node
 * with its parent kind and department, and the words that name it.
 */
interface TaxonomyData {
  departments: string[];
  /** [name, parent node or -1, department index]. */
  nodes: [string, number, number][];
  words: [string, number][];
}

const taxonomy = data as unknown as TaxonomyData;
const WORDS = new Map(taxonomy.words);
/** Longest type word, in words: the build keeps none longer ("coffee table" is two). */
const LONGEST = 3;

/** A kind of product: its node, its department ("Furniture") and its path from there ("furniture > seat > sofa"). */
export interface ProductType {
  node: number;
  department: string;
  path: string[];
}

/** A product type named in a text: the words as written ("leather sofas" names "sofas") and the type. */
export interface NamedType {
  said: string;
  type: ProductType;
}

const typeOf = (node: number): ProductType => {
  const path: string[] = [];
  for (let n = node; n >= 0; n = taxonomy.nodes[n]![1]) path.unshift(taxonomy.nodes[n]![0]);
  return { node, department: taxonomy.departments[taxonomy.nodes[node]![2]]!, path };
};

/** The singular forms a plural may come from: "dresses" -> dress, "shelves" -> shelf, "candies" -> candy. */
function singulars(word: string): string[] {
  const forms = [word];
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ves')) forms.push(`${word.slice(0, -3)}f`, `${word.slice(0, -3)}fe`);
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('s')) forms.push(word.slice(0, -1));
  return forms;
}

/** The plural a shopper would write for a type word ("sofa" -> "sofas", "dress" -> "dresses"). */
export function pluralOf(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return /(ss|x|z|ch|sh)$/.test(word) ? `${word}es` : word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (word.endsWith('fe')) return `${word.slice(0, -2)}ves`;
  return `${word}s`;
}

/** A type phrase as a shopper would say it of the kind ("desk" -> "desks", "coffee table" -> "coffee tables"). */
export function pluralPhrase(phrase: string): string {
  const words = phrase.split(' ');
  const last = words.pop()!;
  // A type word as WordNet has it is singular ("dress", "jeans"); other words ending in s are plural already.
  const singular = WORDS.has(phrase.toLowerCase()) || !last.endsWith('s');
  return [...words, singular ? pluralOf(last) : last].join(' ');
}

/** The product type a word or phrase names, singular or plural ("coffee tables", "jeans"), or null. */
export function lookupType(phrase: string): ProductType | null {
  const words = phrase.toLowerCase().trim().split(/\s+/);
  const last = words.pop();
  if (!last) return null;
  for (const form of singulars(last)) {
    const node = WORDS.get([...words, form].join(' '));
    if (node !== undefined) return typeOf(node);
  }
  return null;
}

/** The last type phrase among words, the longest ending there first ("coffee table" before "table"). */
function lastType(words: readonly string[]): NamedType | null {
  for (let end = words.length; end > 0; end--) {
    for (let length = Math.min(LONGEST, end); length > 0; length--) {
      const said = words.slice(end - length, end).join(' ');
      const type = lookupType(said);
      if (type) return { said, type };
    }
  }
  return null;
}

/**
 * The product type a shopper's search words name: the last type word of the first clause that has one,
 * with the words before it when together they name a type ("coffee table", "running shoes"). Words
 * before it describe it ("leather sofas" are sofas); a clause after "for", "with"... says what it is for
 * ("a desk for my laptop" is a desk).
 */
export function typeIn(text: string): NamedType | null {
  const clauses = text
    .toLowerCase()
    .split(/\b(?:for|with|without|to|from|in|on|under|over|that|which|and|or|but|like)\b|[^\p{L}\s'-]+/u);
  for (const clause of clauses) {
    const found = lastType(clause.split(/\s+/).filter(Boolean));
    if (found) return found;
  }
  return null;
}

/**
 * The product type a product's name is: its last type phrase ("Lumen Table Lamp Nordic" is a table lamp,
 * not a table; "Denim Insulated Jacket" a jacket, not jeans); null when it has none.
 */
export function headOf(name: string): NamedType | null {
  return lastType(
    name
      .toLowerCase()
      .split(/[^\p{L}'-]+/u)
      .filter(Boolean),
  );
}

/** Every type word, singular and plural: what a speller should leave as it is ("tables" is no "tablets"). */
export function typeWords(): string[] {
  return [...WORDS.keys()].flatMap((w) => [w, pluralPhrase(w)]);
}

/** The nodes from a type up to its department's root, the type first. */
export function ancestorsOf(type: ProductType): number[] {
  const up: number[] = [];
  for (let n = type.node; n >= 0; n = taxonomy.nodes[n]![1]) up.push(n);
  return up;
}

/**
 * How close two types sit: the depth of the deepest kind both belong to (0 for the department's root
 * kind, "furniture"), -1 for two kinds of one department under different roots (clothing and
 * footwear), null for different departments.
 */
export function closeness(a: ProductType, b: ProductType): number | null {
  if (a.department !== b.department) return null;
  const above = new Set(ancestorsOf(b));
  const shared = ancestorsOf(a).find((n) => above.has(n));
  if (shared === undefined) return -1;
  return typeOf(shared).path.length - 1;
}
