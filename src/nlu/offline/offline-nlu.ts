import {
  CATEGORY_GROUPS,
  CATEGORY_SYNONYMS,
  COLORS,
  COLOR_SYNONYMS,
  SIZE_WORDS,
} from '../../domain/catalogue.js';
import type { Entities, IntentDefinition, Place, Understander } from '../port.js';
import { classifierFrom, trainClassifier, type Prediction } from './classifier.js';
import { cachedModel } from './model-cache.js';
import { loadCorpus, type LabelledUtterance } from './corpus.js';
import { createFeaturizer } from './features.js';
import { generateCorpus } from './generate.js';
import { createLanguageIdentifier } from './language.js';
import { createNlpEngine, hardenEntityLookups, type NlpEngine, type NlpResult } from './nlp-engine.js';
import { extractNumeric } from './numbers.js';
import { createSpeller } from './spelling.js';
import { PLACES } from './places.js';
import { loadEnglishWords } from './english-words.js';
import { lookupType, pluralPhrase, typeWords } from '../../domain/product-types/taxonomy.js';

export interface OfflineNluOptions {
  /** The intents to tell apart, with their examples and patterns; exactly one is the fallback. */
  intents: readonly IntentDefinition[];
  /** Training utterances; every intent's examples when omitted. */
  corpus?: readonly LabelledUtterance[];
  /** Add utterances generated from the intent patterns to the corpus (default true). */
  generated?: boolean;
  /** Catalogue categories beyond the built-in ones (imported catalogues). */
  categories?: readonly string[];
  brands?: readonly string[];
  /** The catalogue's product names: their words are kept as typed, never "corrected" ("Lite" is no "like"). */
  names?: readonly string[];
  places?: readonly Place[];
  /** Where the trained classifier is kept between starts; trained every time when omitted. */
  cacheDir?: string;
  /** Real English words the speller leaves as typed; the shipped list when omitted. */
  english?: ReadonlySet<string>;
}

/** Longest message considered; the rest of a pasted essay adds nothing to the intent. */
const MAX_CHARS = 500;

/** The most an answer to a message in another language is trusted: below any sensible threshold. */
const FOREIGN_CONFIDENCE = 0.3;

/** What the classifier's labels are to the understanding: a group each, and the roles some play. */
interface IntentRoles {
  known(label: string): boolean;
  sameGroup(a: string, b: string): boolean;
  smallTalk(label: string): boolean;
  decisive(label: string): boolean;
  fallback: string;
}

function rolesOf(intents: readonly IntentDefinition[]): IntentRoles {
  const byName = new Map(intents.map((i) => [i.name, i]));
  const fallbacks = intents.filter((i) => i.fallback);
  if (fallbacks.length !== 1)
    throw new Error(`exactly one intent must be the fallback, not ${fallbacks.length}`);
  return {
    known: (label) => byName.has(label),
    sameGroup: (a, b) => byName.get(a)?.group !== undefined && byName.get(a)?.group === byName.get(b)?.group,
    smallTalk: (label) => byName.get(label)?.small_talk === true,
    decisive: (label) => byName.get(label)?.decisive === true,
    fallback: fallbacks[0]!.name,
  };
}

/**
 * Confidence is how strongly the best intent beats the runner-up, p1 / (p1 + p2), rather than the raw
 * softmax probability: with 25 intents, probability spreads thin over ones that were never in
 * question, while a close second is what actually signals a likely mistake. A runner-up in the same
 * group counts half: the same handler answers both (browse, search and recommend all show products), so
 * mixing them up costs far less than sending the customer to the wrong one. On the evaluation set this
 * keeps errors among answers at or above 0.7 near 1 % while abstaining on under 5 %.
 */
const calibrate = (roles: IntentRoles, ranked: readonly { label: string; probability: number }[]): number => {
  const [first, second] = ranked;
  if (!first) return 0;
  if (!second) return first.probability;
  const sameFlow = roles.sameGroup(first.label, second.label);
  return first.probability / (first.probability + (sameFlow ? 0.5 : 1) * second.probability);
};

/**
 * The sentences and clauses of a message: split at sentence ends, commas, line breaks, "but", and an "and"
 * that starts a request of its own ("my parcel arrived damaged and I want to speak to a human", "save it
 * and also show my wishlist").
 */
function clausesOf(text: string): string[] {
  return text
    .split(
      /(?<=[.!?;,])\s+|\n+|\s+(?=but\b)|\s+and\s+(?=(?:i|i'd|i'm|id|im|we|can|could|please|pls|also|then)\b)/i,
    )
    .map((c) => c.trim())
    .filter((c) => /\p{L}/u.test(c));
}

/** Shopping filler that says nothing about which product is meant. */
const FILLER = new Set(
  (
    "i im i'm me my mine you your we us a an the to for of in on at with and or but is are am be was it its it's " +
    'this that these those them they one ones some any please pls plz can could would will do does did have has ' +
    'got get show find search looking look lookin searching want need like buy buying add cart basket bag ' +
    'recommend suggest something anything stuff things thing item items product products what which whats ' +
    // How to buy it: "how do i order a phone?" searches phones; "what about cushions then?".
    'how order purchase then ' +
    'there here good nice new best cheap cheaper about more less under over around between from than and ' +
    'dollars dollar bucks price priced cost size color colour in stock available sell carry have you do ' +
    'tell details info me hi hey hello hiya heya howdy yo thanks thank ok okay yes no let lemme us our sale shop store ' +
    // Asides around a question: "btw do you sell...", "wait, do you have...".
    'btw wait hmm hm um umm uh actually also so just oh anyway quick question real quick ' +
    // Whom it is for: "a hoodie for my son" is a hoodie, not a product called "son".
    'son sons daughter daughters kid kids child children wife husband partner boyfriend girlfriend mom mum ' +
    'mother dad father brother sister grandma grandpa grandmother grandfather nephew niece friend friends ' +
    'boss colleague coworker'
  ).split(/\s+/),
);

/**
 * The embedded understander: an intent classifier trained on the intents' examples and on sentences
 * generated from their patterns with the shop's vocabulary, a speller that mends typos first, NLP.js
 * enum entities for categories, colours, sizes, brands and places, and number parsing for prices,
 * quantities and points.
 */
export async function createOfflineNlu(options: OfflineNluOptions): Promise<Understander> {
  const roles = rolesOf(options.intents);
  const nlp = await createNlpEngine();
  const languages = await createLanguageIdentifier();
  addEntities(nlp, options);
  const places = new Map([...PLACES, ...(options.places ?? [])].map((p) => [p.name.toLowerCase(), p]));
  const handWritten = options.corpus ?? loadCorpus(options.intents);
  const generated =
    options.generated === false
      ? []
      : generateCorpus({
          intents: options.intents,
          categories: options.categories,
          brands: options.brands,
          places: [...places.values()].map((p) => p.name),
        });
  const english = options.english ?? loadEnglishWords();
  const speller = createSpeller(
    [
      ...generated.map((u) => u.text),
      ...Object.values(CATEGORY_SYNONYMS).flat(),
      ...Object.keys(CATEGORY_GROUPS),
      ...Object.values(COLOR_SYNONYMS).flat(),
      ...COLORS,
      ...Object.values(SIZE_WORDS).flat(),
      ...(options.categories ?? []),
      ...(options.brands ?? []),
      ...(options.names ?? []),
      ...places.keys(),
      'first second third fourth fifth points loyalty checkout cart',
    ],
    handWritten.map((u) => u.text),
    // Kinds of product the shop may not carry: "tables" is not a typo for "tablets".
    typeWords(),
    // Words of three letters are left to the speller: "teh" is in the list.
    (word) => word.length > 3 && english.has(word),
  );
  /** Share of a message's words (three letters or more) that are English: the shop's, or common ones. */
  const englishShare = (text: string): number => {
    const words = text.toLowerCase().match(/\p{L}{3,}/gu) ?? [];
    if (words.length === 0) return 1;
    return words.filter((w) => english.has(w) || speller.coverage(w) === 1).length / words.length;
  };
  const featurizer = createFeaturizer({
    categories: options.categories,
    brands: options.brands,
    places: [...places.values()].map((p) => p.name),
  });
  // Hand-written examples count double: they are the most varied. They are learnt as written, typos
  // included, so the classifier also knows a slip the speller leaves alone.
  const items = [
    ...handWritten.map((u) => ({
      features: featurizer.features(u.text),
      label: u.intent,
      weight: 2,
    })),
    ...generated.map((u) => ({ features: featurizer.features(speller.correct(u.text)), label: u.intent })),
  ];
  const classifier = options.cacheDir
    ? classifierFrom(cachedModel(items, {}, options.cacheDir).model)
    : trainClassifier(items);
  await hardenEntityLookups(nlp);

  /**
   * The classifier's reading of a message. A long message is also read a sentence or clause at a time:
   * when the whole is unsure, a clause that is sure of one of the whole's two best intents decides
   * ("bought it as a gift, they already have one, returning it, what do i do"); an explicit request for
   * a person in any clause (a decisive intent) always does ("are you a bot? I want a real person").
   * Clauses of small talk ("thanks", "good afternoon") are not asked.
   */
  // What the classifier knows of a word: "card" is payment, "mouse" a product, "treadmill" nothing.
  const trained = new Set(
    items.flatMap((i) => i.features.filter((f) => f.startsWith('w:')).map((f) => f.slice(2))),
  );
  /**
   * A kind of product the training never named reads as a product, like any category word: "card
   * table", "writing desk", "treadmill" become "__cat", so "card" no longer asks how to pay and "desk"
   * no longer leaves "i need" to chance. Single words the training knows keep their meaning ("bag",
   * "watch").
   */
  const maskTypes = (text: string): string => {
    const words = [...text.matchAll(/[\p{L}][\p{L}'-]*/gu)];
    let out = '';
    let at = 0;
    for (let i = 0; i < words.length; i++) {
      for (let length = Math.min(3, words.length - i); length > 0; length--) {
        const span = words.slice(i, i + length);
        const phrase = span.map((w) => w[0].toLowerCase()).join(' ');
        if (length === 1 && featurizer.tokens(phrase).every((t) => trained.has(t))) continue;
        // Only words side by side ("card table", not "card, table").
        const start = span[0]!.index;
        const end = span.at(-1)!.index + span.at(-1)![0].length;
        if (length > 1 && !/^[\p{L}'-]+(?: [\p{L}'-]+)*$/u.test(text.slice(start, end).toLowerCase()))
          continue;
        if (!lookupType(phrase)) continue;
        out += `${text.slice(at, start)}__cat`;
        at = end;
        i += length - 1;
        break;
      }
    }
    return out + text.slice(at);
  };
  const read = (text: string): Prediction => classifier.predict(featurizer.features(maskTypes(text)));
  const predictIntent = (text: string): Prediction => {
    const whole = read(text);
    const clauses = clausesOf(text);
    if (clauses.length < 2) return whole;
    const parts = clauses.map(read).filter((c) => !roles.smallTalk(c.label));
    const person = parts.find((c) => roles.decisive(c.label) && calibrate(roles, c.ranked) >= 0.9);
    if (person) return person;
    if (calibrate(roles, whole.ranked) >= 0.7) return whole;
    const best = parts
      .filter((c) => whole.ranked.slice(0, 2).some((r) => r.label === c.label))
      .sort((a, b) => calibrate(roles, b.ranked) - calibrate(roles, a.ranked))[0];
    return best && calibrate(roles, best.ranked) >= 0.8 ? best : whole;
  };

  return {
    name: 'offline',
    async understand(raw) {
      const clipped = raw.slice(0, MAX_CHARS).trim();
      const text = speller.correct(clipped);
      if (!text)
        return { intent: roles.fallback, confidence: 0, entities: {}, source: 'offline', coverage: 1 };
      const numeric = extractNumeric(text);
      // Entities only: the intent is the classifier's.
      const result = await nlp.ner.process({ locale: 'en', utterance: text });
      const entities: Entities = { ...numeric.entities, ...enumEntities(result, places) };
      if (numeric.entities.size) entities.size = numeric.entities.size;
      const query = searchWords(numeric.rest, result);
      if (query) entities.query = query;
      if (!entities.reference && query && (entities.brand || /\b(the|that)\b/i.test(text))) {
        entities.reference = { kind: 'name', text: [entities.brand, query].filter(Boolean).join(' ') };
      }
      // A tweet's handles ("@shop") and links name nobody's request.
      const prediction = predictIntent(
        text.replace(/(?<![\p{L}\p{N}._-])@[\w.]+|https?:\/\/\S+/gu, ' ').trim() || text,
      );
      const known = roles.known(prediction.label);
      // Words as typed, before spelling correction turns "rosso" into something English.
      const language = languages.identify(clipped, englishShare(clipped));
      let confidence = known ? calibrate(roles, prediction.ranked) : 0;
      // The classifier reads English only: a message in another language is a guess at best.
      if (language) confidence = Math.min(confidence, FOREIGN_CONFIDENCE);
      // Not one word it knows ("flibber wibble"): whatever the classifier leans to is a guess.
      const coverage = speller.coverage(text);
      if (coverage === 0) confidence = Math.min(confidence, FOREIGN_CONFIDENCE);
      return {
        intent: known ? prediction.label : roles.fallback,
        confidence: Math.round(confidence * 1000) / 1000,
        entities,
        source: 'offline',
        ...(language ? { language } : {}),
        coverage: Math.round(coverage * 100) / 100,
      };
    },
  };
}

function addEntities(nlp: NlpEngine, options: OfflineNluOptions): void {
  const categories: Record<string, string[]> = { ...CATEGORY_SYNONYMS };
  for (const [group] of Object.entries(CATEGORY_GROUPS)) categories[group] = [group];
  for (const category of options.categories ?? []) {
    categories[category] = [
      ...new Set([...(categories[category] ?? []), category, category.replace(/-/g, ' ')]),
    ];
  }
  // Plurals too: "cushions" is the home range as much as "cushion".
  for (const [option, texts] of Object.entries(categories))
    nlp.addNerRuleOptionTexts('en', 'category', option, [
      ...new Set(texts.flatMap((t) => [t, pluralPhrase(t)])),
    ]);
  for (const color of COLORS)
    nlp.addNerRuleOptionTexts('en', 'color', color, COLOR_SYNONYMS[color] ?? [color]);
  for (const [size, words] of Object.entries(SIZE_WORDS))
    nlp.addNerRuleOptionTexts('en', 'size', size, words);
  for (const brand of options.brands ?? []) nlp.addNerRuleOptionTexts('en', 'brand', brand, [brand]);
  for (const place of [...PLACES, ...(options.places ?? [])]) {
    nlp.addNerRuleOptionTexts('en', 'place', place.name.toLowerCase(), [place.name]);
  }
}

function enumEntities(result: { entities: NlpResult['entities'] }, places: Map<string, Place>): Entities {
  const entities: Entities = {};
  // Exact matches beat fuzzy ones: "tee" should not become "teal" when "tees" is in the message.
  const byAccuracy = [...result.entities].sort((a, b) => b.accuracy - a.accuracy);
  for (const e of byAccuracy) {
    if (!e.option) continue;
    // Short words only match exactly; fuzzy matching on them invents entities ("red" in "need").
    if (e.accuracy < 1 && e.sourceText.length < 5) continue;
    if (e.entity === 'category' && !entities.category) entities.category = e.option;
    else if (e.entity === 'color' && !entities.color) entities.color = e.option;
    else if (e.entity === 'size' && !entities.size) entities.size = e.option;
    else if (e.entity === 'brand' && !entities.brand) entities.brand = e.option;
    else if (e.entity === 'place' && !entities.location) {
      const place = places.get(e.option);
      if (place) entities.location = place;
    }
  }
  return entities;
}

function searchWords(rest: string, result: { entities: NlpResult['entities'] }): string | undefined {
  let text = rest;
  for (const e of result.entities) {
    // A kind within a range ("cushions" in the home range, "blender" in the kitchen one) stays a search
    // word too: the range alone would show duvets to someone asking for cushions.
    const kindInRange =
      e.entity === 'category' &&
      e.option !== undefined &&
      lookupType(e.option.replace(/-/g, ' ')) === null &&
      lookupType(e.sourceText) !== null;
    if (e.entity !== 'number' && !kindInRange) {
      text = text.replace(e.sourceText.toLowerCase(), ' ');
    }
  }
  const words = text
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 1 && !FILLER.has(w) && !/^\d+$/.test(w));
  return words.length > 0 ? words.slice(0, 8).join(' ') : undefined;
}
