import { CATEGORY_SYNONYMS, COLORS } from '../../domain/catalogue.js';
import { hash, rng } from './classifier.js';
import type { LabelledUtterance } from './corpus.js';
import type { IntentDefinition } from '../port.js';

export interface GenerateOptions {
  /** The intents whose patterns are drawn from, in this order. */
  intents: readonly Pick<IntentDefinition, 'name' | 'patterns'>[];
  /** Catalogue categories beyond the built-in ones (imported catalogues). */
  categories?: readonly string[];
  brands?: readonly string[];
  places?: readonly string[];
  /** Utterances drawn per intent. */
  perIntent?: number;
  seed?: number;
}

/** Products customers ask for by name, singular and plural; the shop's own words are added to these. */
export const PRODUCTS: [string, string][] = [
  ['laptop', 'laptops'],
  ['gaming laptop', 'gaming laptops'],
  ['notebook', 'notebooks'],
  ['phone', 'phones'],
  ['smartphone', 'smartphones'],
  ['tablet', 'tablets'],
  ['e-reader', 'e-readers'],
  ['pair of headphones', 'headphones'],
  ['pair of earbuds', 'earbuds'],
  ['headset', 'headsets'],
  ['speaker', 'speakers'],
  ['bluetooth speaker', 'bluetooth speakers'],
  ['smartwatch', 'smartwatches'],
  ['smart watch', 'smart watches'],
  ['fitness tracker', 'fitness trackers'],
  ['camera', 'cameras'],
  ['webcam', 'webcams'],
  ['monitor', 'monitors'],
  ['keyboard', 'keyboards'],
  ['mouse', 'mice'],
  ['charger', 'chargers'],
  ['phone case', 'phone cases'],
  ['power bank', 'power banks'],
  ['usb cable', 'usb cables'],
  ['tv', 'tvs'],
  ['console', 'consoles'],
  ['drone', 'drones'],
  ['printer', 'printers'],
  ['router', 'routers'],
  ['pair of shoes', 'shoes'],
  ['pair of sneakers', 'sneakers'],
  ['pair of trainers', 'trainers'],
  ['pair of running shoes', 'running shoes'],
  ['pair of boots', 'boots'],
  ['pair of hiking boots', 'hiking boots'],
  ['pair of sandals', 'sandals'],
  ['pair of slippers', 'slippers'],
  ['pair of heels', 'heels'],
  ['pair of loafers', 'loafers'],
  ['jacket', 'jackets'],
  ['coat', 'coats'],
  ['raincoat', 'raincoats'],
  ['parka', 'parkas'],
  ['puffer jacket', 'puffer jackets'],
  ['blazer', 'blazers'],
  ['windbreaker', 'windbreakers'],
  ['fleece', 'fleeces'],
  ['gilet', 'gilets'],
  ['t-shirt', 't-shirts'],
  ['tee', 'tees'],
  ['shirt', 'shirts'],
  ['polo shirt', 'polo shirts'],
  ['blouse', 'blouses'],
  ['top', 'tops'],
  ['tank top', 'tank tops'],
  ['dress', 'dresses'],
  ['maxi dress', 'maxi dresses'],
  ['skirt', 'skirts'],
  ['hoodie', 'hoodies'],
  ['sweatshirt', 'sweatshirts'],
  ['sweater', 'sweaters'],
  ['jumper', 'jumpers'],
  ['cardigan', 'cardigans'],
  ['pair of jeans', 'jeans'],
  ['pair of trousers', 'trousers'],
  ['pair of pants', 'pants'],
  ['pair of chinos', 'chinos'],
  ['pair of shorts', 'shorts'],
  ['pair of leggings', 'leggings'],
  ['pair of joggers', 'joggers'],
  ['tracksuit', 'tracksuits'],
  ['swimsuit', 'swimsuits'],
  ['pair of socks', 'socks'],
  ['scarf', 'scarves'],
  ['hat', 'hats'],
  ['beanie', 'beanies'],
  ['cap', 'caps'],
  ['pair of gloves', 'gloves'],
  ['belt', 'belts'],
  ['handbag', 'handbags'],
  ['tote bag', 'tote bags'],
  ['wallet', 'wallets'],
  ['pair of sunglasses', 'sunglasses'],
  ['watch', 'watches'],
  ['necklace', 'necklaces'],
  ['backpack', 'backpacks'],
  ['rucksack', 'rucksacks'],
  ['suitcase', 'suitcases'],
  ['kettle', 'kettles'],
  ['toaster', 'toasters'],
  ['blender', 'blenders'],
  ['coffee maker', 'coffee makers'],
  ['espresso machine', 'espresso machines'],
  ['french press', 'french presses'],
  ['teapot', 'teapots'],
  ['mug', 'mugs'],
  ['frying pan', 'frying pans'],
  ['saucepan', 'saucepans'],
  ['knife set', 'knife sets'],
  ['chopping board', 'chopping boards'],
  ['air fryer', 'air fryers'],
  ['rice cooker', 'rice cookers'],
  ['slow cooker', 'slow cookers'],
  ['mixer', 'mixers'],
  ['dinner set', 'dinner sets'],
  ['lamp', 'lamps'],
  ['desk lamp', 'desk lamps'],
  ['candle', 'candles'],
  ['cushion', 'cushions'],
  ['throw blanket', 'throw blankets'],
  ['duvet', 'duvets'],
  ['pillow', 'pillows'],
  ['rug', 'rugs'],
  ['vase', 'vases'],
  ['mirror', 'mirrors'],
  ['wall clock', 'wall clocks'],
  ['plant pot', 'plant pots'],
  ['towel set', 'towel sets'],
  ['yoga mat', 'yoga mats'],
  ['tent', 'tents'],
  ['sleeping bag', 'sleeping bags'],
  ['water bottle', 'water bottles'],
  ['dumbbell set', 'dumbbells'],
  ['kettlebell', 'kettlebells'],
  ['bike helmet', 'bike helmets'],
  ['bike', 'bikes'],
  ['tennis racket', 'tennis rackets'],
  ['football', 'footballs'],
  ['gym bag', 'gym bags'],
  ['pair of trekking poles', 'trekking poles'],
  ['camping stove', 'camping stoves'],
  ['cool box', 'cool boxes'],
  ['board game', 'board games'],
  ['book', 'books'],
  ['toy', 'toys'],
  ['perfume', 'perfumes'],
  ['hair dryer', 'hair dryers'],
  ['electric toothbrush', 'electric toothbrushes'],
];

/** Words that narrow a search down to a particular product. */
const QUALITIES = [
  'waterproof',
  'wireless',
  'noise cancelling',
  'lightweight',
  'cheap',
  'budget',
  'leather',
  'cotton',
  'linen',
  'wool',
  'slim fit',
  'oversized',
  'warm',
  'winter',
  'summer',
  'kids',
  "women's",
  "men's",
  'vegan',
  'organic',
  'stainless steel',
  'cast iron',
  'ceramic',
  'bluetooth',
  'gaming',
  '4k',
  'compact',
  'foldable',
  'heavy duty',
  'vintage',
  'retro',
  'long sleeve',
  'zip up',
  'padded',
  'insulated',
  'non-stick',
  'electric',
  'portable',
  'rechargeable',
  'ergonomic',
  'breathable',
  'unisex',
  'plus size',
  'petite',
  'floral',
  'striped',
  'plain',
  'premium',
  'large',
  'small',
  'smart',
  'refurbished',
  'second hand',
];

/** What a product is wanted for, or what it should do. */
const PURPOSES = [
  'for running',
  'for hiking',
  'for work',
  'for school',
  'for uni',
  'for travel',
  'for the gym',
  'for gaming',
  'for camping',
  'for a wedding',
  'for winter',
  'for the beach',
  'for my office',
  'for a small kitchen',
  'for my kid',
  'for video calls',
  'that tracks sleep',
  'that is waterproof',
  'with a long battery life',
  'with good battery life',
  'with a hood',
  'with a zip',
  'with lots of storage',
  'with a big screen',
  'that folds up',
  'that can go in the dishwasher',
  'that keeps drinks cold',
  'that works with iphone',
  'with usb-c',
  'in size 9',
  'in size M',
  'in large',
  'in extra small',
  'with a good camera',
  'that lasts',
];

const ATTRIBUTES = [
  'battery life',
  'weight',
  'size',
  'dimensions',
  'material',
  'fabric',
  'screen size',
  'storage',
  'ram',
  'memory',
  'processor',
  'resolution',
  'capacity',
  'fit',
  'sizing',
  'specs',
  'specifications',
  'features',
  'colour options',
  'colors',
  'sizes',
  'price',
  'rating',
  'reviews',
  'care instructions',
  'sole',
  'lining',
  'heel height',
  'wattage',
  'camera',
  'zoom',
  'water resistance',
  'length',
  'width',
];

const FEATURES = [
  'waterproof',
  'machine washable',
  'stretchy',
  'microwave safe',
  'non slip',
  'wireless',
  'noise cancelling',
  'vegan',
  'breathable',
  'lined',
  'adjustable',
  'rechargeable',
  'foldable',
  'induction compatible',
  'water resistant',
  'bluetooth',
  '5g',
  'oven safe',
  'heavy',
  'durable',
  'warm enough for winter',
  'good for running',
  'suitable for kids',
  'made of real leather',
  'made in the uk',
  'easy to clean',
  'compatible with android',
];

const CITIES = [
  'Oakland',
  'San Jose',
  'San Francisco',
  'SF',
  'London',
  'New York',
  'NYC',
  'Chicago',
  'Boston',
  'Seattle',
  'Austin',
  'Manchester',
  'LA',
  'downtown',
  'the mall',
];

const PEOPLE = [
  'my dad',
  'my mum',
  'my mom',
  'my wife',
  'my husband',
  'my girlfriend',
  'my boyfriend',
  'my partner',
  'my sister',
  'my brother',
  'my son',
  'my daughter',
  'my nan',
  'my grandad',
  'a friend',
  'my best mate',
  'my boss',
  'a coworker',
  'a teenager',
  'a 5 year old',
  'a 12 year old',
  'a toddler',
  'a student',
  'someone who has everything',
  'my teacher',
];

const OCCASIONS = [
  'birthday',
  'christmas',
  'anniversary',
  "mother's day",
  "father's day",
  "valentine's",
  'graduation',
  'retirement',
  'a wedding',
  'a baby shower',
  'eid',
  'a leaving do',
];

const HOBBIES = [
  'cooking',
  'running',
  'hiking',
  'gaming',
  'yoga',
  'camping',
  'photography',
  'music',
  'coffee',
  'reading',
  'travelling',
  'the gym',
  'cycling',
  'gardening',
  'tech',
  'fashion',
];

const SIZES = [
  'S',
  'M',
  'L',
  'XL',
  'XS',
  'small',
  'medium',
  'large',
  'extra large',
  'size 8',
  'size 9',
  'size 10',
  'size 12',
  'a 10',
  'an 11',
  '32 waist',
  'size 6',
  'size 42',
  'uk 9',
  'us 10',
];

const STREETS = [
  'Elm Road',
  'Market St',
  'Baker Street',
  'Oak Avenue',
  'Maple Drive',
  'High Street',
  'Mission St',
  'Station Road',
  'Park Lane',
  'Hauptstrasse',
  'Church Lane',
  '5th Ave',
];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'last', '1st', '2nd', '3rd', '4th'];

const NUMBERS = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '10',
  'one',
  'two',
  'three',
  'four',
  'five',
  'a couple',
  'a few',
];

const PRICES = [
  '$50',
  '$100',
  '$20',
  '$200',
  '$500',
  '$1000',
  '£30',
  '£80',
  '50 bucks',
  '100 dollars',
  '30 quid',
  '€40',
  '1k',
  '250',
  '75',
];

const POINTS = ['100', '200', '250', '300', '500', '1000', '1,000', '2000', 'all', 'half'];

const PRODUCT_NAMES = [
  'AirLite',
  'ProBook',
  'Edge',
  'Cloud Fleece',
  'Runner',
  'Trail',
  'Slate',
  'Pulse',
  'Shell',
];

/**
 * How people put a request before the thing they want done ("{ask} cancel my order"): the same for every
 * intent, so the classifier learns them as saying nothing of the intent, and the words after them decide.
 * `{want}` draws requests only, for patterns that change something (the cart, an order placed).
 */
const REQUEST = [
  'i need to',
  'i want to',
  'i wanna',
  "i'd like to",
  'id like to',
  'i would like to',
  'i have to',
  "i've got to",
  'i gotta',
  'i must',
  'help me',
  'help me to',
  'can you help me',
  'could you help me',
  'can u help me',
  'please help me',
  'pls help me',
  'i need help to',
  'i need assistance to',
  'i need some help to',
  'i want help to',
  "i'd like some help to",
  "i'm trying to",
  'im trying to',
  'trying to',
  "i'm looking to",
  'i was hoping to',
  'i was wondering if i could',
  'wanted to',
  'i want you to help me',
  'need to',
  'want to',
  'hi, i need to',
  'good morning, i would like to',
];

/** How-to questions before the thing the customer wants to know how to do: asking, not asking for it to be done. */
const HOW_TO = [
  'how do i',
  'how can i',
  'how to',
  'how would i',
  'how could i',
  'what do i need to do to',
  'what do i have to do to',
  "what's the way to",
  'what is the process to',
  'where can i',
  'where do i',
  'is it possible to',
  'can i',
  'could i',
  'may i',
  'am i able to',
  'is there a way to',
  'tell me how to',
  'show me how to',
  "i don't know how to",
  'i dont know how to',
  'no idea how to',
  'i was wondering how to',
  'hello, can i',
  'hey, how do i',
];

const ASK = [...REQUEST, ...HOW_TO];

/** How people put a question before the topic it is about ("{about} cancellation fees"). */
const ABOUT = [
  'question about',
  'a question about',
  'i have a question about',
  'quick question about',
  'info on',
  'info about',
  'information about',
  'information on',
  'details about',
  'details on',
  'help with',
  'i need help with',
  'need help with',
  'i need information about',
  'i want information about',
  "i'd like to know about",
  'i want to know about',
  'i wanna know about',
  'tell me about',
  'can you tell me about',
  'can you give me information about',
  'what about',
  'where can i find',
  'where do i find',
  'where can i see',
  'where can i check',
  'how can i check',
  "i'm looking for information on",
  'help me with',
  'assistance with',
  'support with',
  'need info about',
  'can i get info about',
  'any info about',
  'query about',
  'inquiry about',
  'enquiry about',
];

/** Reads "(a|b)", "[optional]" and "{slot}" from a pattern and draws one sentence from it. */
function expand(pattern: string, slot: (name: string) => string, random: () => number): string {
  let i = 0;
  const parseSeq = (stop: string): string => {
    let out = '';
    while (i < pattern.length && !stop.includes(pattern[i]!)) {
      const ch = pattern[i]!;
      if (ch === '(') {
        i++;
        const options: string[] = [];
        // Parse every alternative (to move past them), keeping each one's text.
        for (;;) {
          options.push(parseSeq('|)'));
          if (pattern[i] === '|') i++;
          else break;
        }
        i++; // ')'
        const chosen = options[Math.floor(random() * options.length)]!;
        // "(...)?" is an optional group.
        if (pattern[i] === '?') {
          i++;
          if (random() < 0.5) out += chosen;
        } else out += chosen;
      } else if (ch === '[') {
        i++;
        // "[a|b]": one of the alternatives, or nothing.
        const options: string[] = [];
        for (;;) {
          options.push(parseSeq('|]'));
          if (pattern[i] === '|') i++;
          else break;
        }
        i++; // ']'
        const chosen = options[Math.floor(random() * options.length)]!;
        if (random() < 0.5) out += chosen;
      } else if (ch === '{') {
        const end = pattern.indexOf('}', i);
        out += slot(pattern.slice(i + 1, end));
        i = end + 1;
      } else {
        out += ch;
        i++;
      }
    }
    return out;
  };
  return parseSeq('')
    .replace(/\s+/g, ' ')
    .replace(/\s+([?!.,])/g, '$1')
    .trim();
}

/**
 * Typing habits: case, missing apostrophes, trailing punctuation. No typos: the speller mends those
 * before classification, and its vocabulary is built from these texts.
 */
function restyle(text: string, random: () => number): string {
  let t = text;
  const r = random();
  if (r < 0.06) t = t.toUpperCase();
  else if (r < 0.3) t = t.charAt(0).toUpperCase() + t.slice(1);
  if (random() < 0.25) t = t.replace(/'/g, '');
  if (random() < 0.15 && !/[?!.]$/.test(t))
    t += ['?', '!', '.', '!!', ' lol', ' :)', ' 🙂', ' thx', ' pls', ' x'][Math.floor(random() * 10)]!;
  return t;
}

/**
 * Training utterances drawn from the intent patterns, with the shop's own words (categories, brands,
 * places) and everyday product vocabulary in the slots, in the many ways people type. Deterministic for
 * a given seed, so every start trains the same model.
 */
export function generateCorpus(options: GenerateOptions): LabelledUtterance[] {
  const seed = options.seed ?? 20261130;
  // Reseeded for every pattern, so editing one pattern leaves every other pattern's sentences as they were.
  let random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const extra = (options.categories ?? []).map((c) => c.replace(/-/g, ' '));
  const products: [string, string][] = [
    ...PRODUCTS,
    ...Object.values(CATEGORY_SYNONYMS)
      .flat()
      .filter((w) => w.endsWith('s'))
      .map((w): [string, string] => [w.replace(/s$/, ''), w]),
    ...extra.map((c): [string, string] => [c.replace(/s$/, ''), c]),
  ];
  const categories = [
    ...Object.values(CATEGORY_SYNONYMS)
      .flat()
      .filter((w) => w.endsWith('s') || w.length > 4),
    ...extra,
    ...PRODUCTS.map(([, plural]) => plural),
    'kitchen stuff',
    'home stuff',
    'electronics',
    'clothes',
    'sportswear',
    'outdoor gear',
    'homeware',
    'accessories',
    'tech',
    'menswear',
    'womenswear',
    'kids clothes',
  ];
  const brands =
    options.brands && options.brands.length > 0 ? options.brands : ['Northwind', 'Aurora', 'Summit'];
  const places = [...CITIES, ...(options.places ?? [])];
  const slot = (name: string): string => {
    switch (name) {
      case 'p':
        return pick(products)[0];
      case 'ps':
        return pick(products)[1];
      case 'cat':
        return pick(categories);
      case 'q':
        return pick(QUALITIES);
      case 'purpose':
        return pick(PURPOSES);
      case 'attr':
        return pick(ATTRIBUTES);
      case 'feature':
        return pick(FEATURES);
      case 'color':
        return pick(COLORS);
      case 'size':
        return pick(SIZES);
      case 'ord':
        return pick(ORDINALS);
      case 'n':
        return pick(NUMBERS);
      case 'price':
        return pick(PRICES);
      case 'points':
        return pick(POINTS);
      case 'city':
        return pick(places);
      case 'brand':
        return pick(brands);
      case 'name':
        return pick(PRODUCT_NAMES);
      case 'person':
        return pick(PEOPLE);
      case 'occasion':
        return pick(OCCASIONS);
      case 'hobby':
        return pick(HOBBIES);
      case 'item':
        // A thing already on screen or in the cart.
        return pick([
          `the ${pick(products)[0]}`,
          `the ${pick(COLORS)} one`,
          `the ${pick(ORDINALS)} one`,
          `the ${pick(products)[1]}`,
          `the ${pick(COLORS)} ${pick(products)[0]}`,
          `that ${pick(products)[0]}`,
          `those ${pick(products)[1]}`,
          `the ${pick(brands)} ${pick(products)[0]}`,
          `the ${pick(PRODUCT_NAMES)}`,
          'it',
          'that',
          'that one',
          'this one',
          'these',
          'they',
          'these ones',
          'this',
          'them',
          'those',
        ]);
      case 'address':
        // A street address the way people type one, with or without the town and postcode.
        return pick([
          `${1 + Math.floor(random() * 400)} ${pick(STREETS)}`,
          `${1 + Math.floor(random() * 400)} ${pick(STREETS)}, ${pick(places)}`,
          `${1 + Math.floor(random() * 400)} ${pick(STREETS)}, ${pick(places)} ${10000 + Math.floor(random() * 89999)}`,
          `${pick(STREETS)} ${1 + Math.floor(random() * 90)}, ${10000 + Math.floor(random() * 89999)} ${pick(places)}`,
          `${1 + Math.floor(random() * 400)} ${pick(STREETS)}, ${pick(places)}, ${pick(['CA', 'NY', 'TX', 'WA', 'IL', 'MA', 'OR', 'FL', 'California', 'Texas'])} ${10000 + Math.floor(random() * 89999)}`,
        ]);
      case 'order':
        return pick([
          '#' + (10000 + Math.floor(random() * 89999)),
          String(100000 + Math.floor(random() * 899999)),
          'ORD-' + (1000 + Math.floor(random() * 8999)),
        ]);
      case 'hi':
        return pick([
          'hi',
          'hey',
          'hello',
          'hiya',
          'yo',
          'morning',
          'hi there',
          'hey there',
          'good afternoon',
          'ok',
          'so',
          'um',
          'right',
          'hmm',
          'oh',
          'actually',
          'also',
          'and',
          'quick question',
          'excuse me',
          'sorry',
        ]);
      case 'ask':
        return pick(ASK);
      case 'want':
        // Requests only: "how do i remove an item from my cart?" asks how, it removes nothing.
        return pick(REQUEST);
      case 'about':
        return pick(ABOUT);
      case 'pls':
        return pick([
          'please',
          'pls',
          'plz',
          'thanks',
          'thx',
          'cheers',
          'ta',
          'if you can',
          'if possible',
          'asap',
          'now',
          'mate',
          'x',
          '🙏',
          '🙂',
          'lol',
        ]);
      default:
        throw new Error(`unknown slot {${name}}`);
    }
  };
  const perIntent = options.perIntent ?? 400;
  const out: LabelledUtterance[] = [];
  for (const { name: intent, patterns } of options.intents) {
    const seen = new Set<string>();
    // Each pattern gets its share, so rare phrasings are not drowned by the productive ones.
    const per = Math.max(2, Math.ceil(perIntent / patterns.length));
    for (const weighted of patterns) {
      // "3*pattern" draws three times the share: for phrasings that must outweigh similar ones.
      const [, times, pattern = weighted] = /^(\d+)\*(.*)$/s.exec(weighted) ?? [];
      const quota = per * (times ? Number(times) : 1);
      random = rng(seed ^ hash(`${intent}\n${weighted}`));
      for (let n = 0, tries = 0; n < quota && tries < quota * 4; tries++) {
        const text = restyle(expand(pattern, slot, random), random);
        if (seen.has(text.toLowerCase())) continue;
        seen.add(text.toLowerCase());
        out.push({ text, intent });
        n++;
      }
    }
  }
  return out;
}
