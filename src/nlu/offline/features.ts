import {
  CATEGORY_GROUPS,
  CATEGORY_SYNONYMS,
  COLORS,
  COLOR_SYNONYMS,
  SIZE_WORDS,
} from '../../domain/catalogue.js';
import { PRODUCTS } from './generate.js';

/** Chat spellings read as the words they stand for, before features are taken. */
const SHORTHAND = new Map<string, string>(
  Object.entries({
    u: 'you',
    ur: 'your',
    r: 'are',
    pls: 'please',
    plz: 'please',
    pleeease: 'please',
    thx: 'thanks',
    thnx: 'thanks',
    thanx: 'thanks',
    tnx: 'thanks',
    wanna: 'want to',
    gonna: 'going to',
    gotta: 'got to',
    gimme: 'give me',
    lemme: 'let me',
    im: "i'm",
    ive: "i've",
    dont: "don't",
    doesnt: "doesn't",
    didnt: "didn't",
    cant: "can't",
    wont: "won't",
    isnt: "isn't",
    arent: "aren't",
    whats: "what's",
    wheres: "where's",
    hows: "how's",
    thats: "that's",
    its: "it's",
    wat: 'what',
    wot: 'what',
    wut: 'what',
    n: 'and',
    b4: 'before',
    '&': 'and',
    w: 'with',
    'w/': 'with',
    qty: 'quantity',
    favourite: 'favorite',
    colour: 'color',
    colours: 'colors',
    jumper: 'sweater',
    jumpers: 'sweaters',
    trainers: 'sneakers',
    trolley: 'cart',
    basket: 'cart',
    bag: 'cart',
    pics: 'pictures',
    tho: 'though',
    rn: 'now',
    idk: "i don't know",
    nvm: 'never mind',
    ok: 'okay',
    k: 'okay',
    kk: 'okay',
    yea: 'yeah',
    ye: 'yeah',
    yh: 'yeah',
    '1st': 'first',
    '2nd': 'second',
    '3rd': 'third',
    '4th': 'fourth',
    '5th': 'fifth',
  }),
);

const ORDINALS = new Set([
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'last',
  'latter',
  'former',
]);
const NUMBER_WORDS = new Set([
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'dozen',
  'couple',
  'pair',
  'both',
]);

/**
 * An order or parcel code of letters and digits ("7f3a21c9" in ORD-7F3A21C9, "a1b2c3d4"): read as a
 * number, since its letters say nothing. Sizes and specs such as "256gb" or "1080p" are left alone.
 */
const isCode = (word: string): boolean =>
  word.length >= 5 &&
  /\d.*\d/.test(word) &&
  /\p{L}/u.test(word) &&
  !/^\d+(?:gb|tb|mb|mah|mm|cm|kg|ml|hz|w|p|k|x|st|nd|rd|th|s)$/.test(word);

export interface FeatureVocabulary {
  categories?: readonly string[];
  brands?: readonly string[];
  places?: readonly string[];
}

export interface Featurizer {
  /** The message as the classifier reads it: lower case, shorthand spelt out, entities marked. */
  tokens(text: string): string[];
  features(text: string): string[];
}

/** Multi-word phrases first, so "running shoes" is one category rather than "running" plus "shoes". */
function phraseMatcher(classes: Record<string, Iterable<string>>): (text: string) => string {
  const entries: [string, string][] = [];
  for (const [cls, phrases] of Object.entries(classes)) {
    for (const p of phrases) {
      const phrase = p.toLowerCase().trim();
      if (phrase.length > 1) entries.push([phrase, cls]);
    }
  }
  entries.sort((a, b) => b[0].length - a[0].length);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const byPhrase = new Map(entries);
  if (entries.length === 0) return (text) => text;
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(${entries.map(([p]) => escape(p)).join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  return (text) => text.replace(pattern, (m) => ` ${m} __${byPhrase.get(m)} `);
}

export function createFeaturizer(vocabulary: FeatureVocabulary = {}): Featurizer {
  const categoryWords = new Set<string>([
    ...Object.values(CATEGORY_SYNONYMS).flat(),
    ...Object.keys(CATEGORY_GROUPS),
    // Everyday product words too, so "smartwatches pls" reads like "hoodies pls".
    ...PRODUCTS.flat().map((p) => p.replace(/^pair of /, '')),
    ...(vocabulary.categories ?? []).flatMap((c) => [c, c.replace(/-/g, ' ')]),
  ]);
  const colorWords = new Set<string>([...COLORS, ...Object.values(COLOR_SYNONYMS).flat()]);
  const sizeWords = new Set<string>(Object.values(SIZE_WORDS).flat());
  const mark = phraseMatcher({
    cat: categoryWords,
    color: colorWords,
    size: sizeWords,
    brand: vocabulary.brands ?? [],
    place: vocabulary.places ?? [],
  });

  const tokens = (text: string): string[] => {
    const lower = mark(
      text
        .toLowerCase()
        .replace(/[’‘`]/g, "'")
        .replace(
          /\$\s?\d[\d,.]*k?|£\s?\d[\d,.]*k?|€\s?\d[\d,.]*k?|\d[\d,.]*\s?(?:dollars|bucks|quid|pounds|euros)\b/g,
          ' __money ',
        )
        .replace(/#\s?(\d)/g, 'number $1'),
    );
    const out: string[] = [];
    for (const raw of lower.match(/__\w+|[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[?!]|\p{Extended_Pictographic}/gu) ??
      []) {
      const expanded = SHORTHAND.get(raw) ?? raw;
      for (const word of expanded.split(' ')) {
        if (/^\d+(?:\.\d+)?$/.test(word) || isCode(word)) out.push('__num');
        else if (/^\d+(?:st|nd|rd|th)$/.test(word)) out.push('__ord');
        else {
          out.push(word);
          if (ORDINALS.has(word)) out.push('__ord');
          else if (NUMBER_WORDS.has(word)) out.push('__num');
        }
      }
    }
    return out;
  };

  return {
    tokens,
    features(text) {
      const words = tokens(text);
      const features: string[] = [];
      const plain = words.filter((w) => w !== '?' && w !== '!');
      features.push(`len:${Math.min(plain.length, 6)}`);
      if (plain.length === 0) features.push('empty');
      for (const w of words) features.push(`w:${w}`);
      const padded = ['<s>', ...words, '</s>'];
      for (let i = 0; i < padded.length - 1; i++) features.push(`b:${padded[i]} ${padded[i + 1]}`);
      for (let i = 0; i < padded.length - 2; i++)
        features.push(`t:${padded[i]} ${padded[i + 1]} ${padded[i + 2]}`);
      for (const w of words) {
        if (w.startsWith('__') || w.length < 3) continue;
        const s = `<${w}>`;
        for (let n = 3; n <= 5; n++)
          for (let i = 0; i + n <= s.length; i++) features.push(`c:${s.slice(i, i + n)}`);
      }
      return features;
    },
  };
}
