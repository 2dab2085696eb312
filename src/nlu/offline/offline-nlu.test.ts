import { beforeAll, describe, expect, it } from 'vitest';
import { INTENT_DEFINITIONS } from '../../flows/registry.js';
import type { Understander } from '../port.js';
import {
  evaluateOfflineNlu,
  evaluateOnEvalSet,
  loadEvalSet,
  loadSupportSet,
  SAMPLE_SHOP_OPTIONS,
} from '../../nlu-eval/evaluate.js';
import { loadThirdPartySupport } from '../../nlu-eval/third-party.js';
import { evaluateSampleShopShopper } from '../../nlu-eval/shopper.js';
import { loadCorpus } from './corpus.js';
import { generateCorpus } from './generate.js';
import { createOfflineNlu } from './offline-nlu.js';

let nlu: Understander;
beforeAll(async () => {
  nlu = await createOfflineNlu(SAMPLE_SHOP_OPTIONS);
});

describe('offline understanding', () => {
  it('meets the targets on the evaluation set it was never trained on, abstentions counting as wrong', async () => {
    const r = await evaluateOnEvalSet(nlu);
    console.log(
      `eval set: intent ${(r.intent_accuracy * 100).toFixed(1)} %, routing ${(r.routing_accuracy * 100).toFixed(1)} %, ` +
        `abstained ${(r.abstention_rate * 100).toFixed(1)} %, confident errors ${(r.confident_error_rate * 100).toFixed(1)} %`,
    );
    expect(r.size).toBeGreaterThanOrEqual(500);
    // The goals are routing >= 95 %, intent >= 92 %, abstention <= 10 %, confident errors <= 3 %; the
    // bounds here are what is reached (96.1 %, 95.9 %, 3.7 %, 0.4 % with request frames, product types
    // and sixteen training passes), less half a point: a new intent reshuffles the generated
    // training sentences, which moves two or three messages across the abstention threshold either way,
    // and that alone should not fail; a regression does.
    expect(r.routing_accuracy).toBeGreaterThanOrEqual(0.956);
    expect(r.intent_accuracy).toBeGreaterThanOrEqual(0.954);
    expect(r.abstention_rate).toBeLessThanOrEqual(0.04);
    expect(r.confident_error_rate).toBeLessThanOrEqual(0.01);
    expect(r.language_flags).toEqual([]);
  });

  it('gives the right kind of answer to about 90 % of the support set (figures only, never its texts)', async () => {
    const r = await evaluateOnEvalSet(nlu, loadSupportSet());
    console.log(`support set: right kind ${(r.intent_accuracy * 100).toFixed(1)} %`);
    // Reached: 91.3-91.6 %; the bound is half a point under it, as above: a new intent's training sentences
    // move a message or two across the abstention threshold either way.
    expect(r.size).toBeGreaterThanOrEqual(300);
    expect(r.intent_accuracy).toBeGreaterThanOrEqual(0.908);
  });

  it("keeps what it reached on other people's messages (eval/third-party)", async () => {
    const support = await evaluateOnEvalSet(nlu, loadThirdPartySupport());
    const shopper = await evaluateSampleShopShopper(nlu);
    console.log(
      `third-party: support intent ${(support.intent_accuracy * 100).toFixed(1)} %, routing ` +
        `${(support.routing_accuracy * 100).toFixed(1)} %; shopper carried ${(shopper.carried.accuracy * 100).toFixed(1)} %, ` +
        `not carried ${(shopper.not_carried.accuracy * 100).toFixed(1)} %`,
    );
    // Reached 76.1 % and 77.7 % (63.3 % and 64.5 % before request frames and product types), and 79.7 % and
    // 69-70 % of shopper requests (66.2 % and under 29 %); the bounds are about a point under.
    expect(support.intent_accuracy).toBeGreaterThanOrEqual(0.75);
    expect(support.routing_accuracy).toBeGreaterThanOrEqual(0.767);
    expect(shopper.carried.accuracy).toBeGreaterThanOrEqual(0.78);
    expect(shopper.not_carried.accuracy).toBeGreaterThanOrEqual(0.68);
  }, 60_000);

  it('never generates a sentence of four words or more that is in the evaluation set', () => {
    const norm = (t: string) =>
      t
        .toLowerCase()
        .replace(/['’]/g, '')
        .replace(/[^\p{L}\p{N} ]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    // Hand-written examples older than the evaluation set may coincide with it ("where is my order").
    const handWritten = new Set(loadCorpus(INTENT_DEFINITIONS).map((u) => norm(u.text)));
    const unseen = new Set(
      loadEvalSet()
        .map((m) => norm(m.text))
        .filter((t) => !handWritten.has(t)),
    );
    // The seed training uses: generic short phrasings may turn up under other seeds by chance.
    {
      const generated = generateCorpus({
        intents: INTENT_DEFINITIONS,
        categories: SAMPLE_SHOP_OPTIONS.categories,
        brands: SAMPLE_SHOP_OPTIONS.brands,
        places: SAMPLE_SHOP_OPTIONS.places?.map((p) => p.name),
      });
      const leaked = generated
        .map((u) => norm(u.text))
        .filter((t) => t.split(' ').length >= 4 && unseen.has(t));
      expect(leaked).toEqual([]);
    }
  });

  it('reaches at least 90 % intent accuracy on the held-out corpus it was not trained on', async () => {
    const evaluation = await evaluateOfflineNlu();
    console.log(
      `offline NLU held-out accuracy: ${(evaluation.accuracy * 100).toFixed(1)} % ` +
        `(${evaluation.test_size} held out, ${evaluation.train_size} trained)`,
    );
    expect(evaluation.test_size).toBeGreaterThanOrEqual(100);
    // Reached: 90.5 % (422 held out).
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['show me hoodies', 'browse'],
    ['I want to buy a laptop for work', 'recommend'],
    ['add the first one to my cart', 'add_to_cart'],
    ["what's in my cart", 'view_cart'],
    ['checkout', 'checkout'],
    ['is it in stock near Oakland', 'inventory_check'],
    ['how many points do I have', 'loyalty'],
    ['redeem 500 points', 'redeem_points'],
    ['where is my order', 'order_status'],
    ['I want to return an item', 'return_request'],
    ['hello', 'greeting'],
    ['got any yoga mats?', 'search|browse'],
    ['need a smartwatch that tracks sleep', 'search|browse|recommend'],
    ['I want trail running shoes, size 9', 'search|browse|recommend'],
    ["I'd like to speak to a real person please", 'human_agent'],
    ['which is the cheapest?', 'sort'],
    ['sort by price', 'sort'],
    ['do you have a teapot?', 'search'],
    ['actually make that 1', 'update_cart'],
    ['remove one', 'remove_from_cart'],
    ['empty my cart', 'clear_cart'],
    ['are you a bot?', 'bot_identity'],
    ['yes', 'affirm'],
    ['no', 'deny'],
  ])('understands "%s" as %s, confidently', async (text, intent) => {
    const u = await nlu.understand(text);
    expect(intent.split('|')).toContain(u.intent);
    expect(u.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it.each([
    ['btw do you sell trail shoes in size 10?', 'trail'],
    ['wait, do you have a didgeridoo?', 'didgeridoo'],
  ])('searches "%s" for what is asked, not the aside around it', async (text, query) => {
    const u = await nlu.understand(text);
    expect(u.entities.query).toBe(query);
  });

  it.each([
    ['Je cherche une robe rouge pour un mariage', 'fr'],
    ['Quiero unos zapatos rojos', 'es'],
    ['Ich suche eine Jacke', 'de'],
    ['Cerco un vestito rosso', 'it'],
    ['Bonjour, avez-vous des chaussures de course ?', 'fr'],
    ['¿Tienen esta chaqueta en talla mediana?', 'es'],
  ])('tells "%s" is in %s, and is unsure of it', async (text, language) => {
    const u = await nlu.understand(text);
    expect(u.language).toBe(language);
    expect(u.confidence).toBeLessThan(0.7);
  });

  it.each([
    'hi',
    'ciao',
    'merci',
    'gracias for the help',
    'do you have a teapot?',
    'the kettle leaks from the bottom, not happy',
    'wat jackets u got',
    'brilliant, ta',
    'cheerio',
    'Greetings.',
    'jo@example.com',
    'jean.dupont@exemple.fr',
    'https://www.example.de/bestellung',
  ])('leaves the language unset for English or too little to tell: "%s"', async (text) => {
    expect((await nlu.understand(text)).language).toBeUndefined();
  });

  it.each([
    ['shw me hodies in meduim', { category: 'hoodies', size: 'M' }],
    ['how many pionts do i have', {}],
    ['add teh frist one', { reference: { kind: 'ordinal', index: 0 } }],
    ['chekout plz', {}],
  ])('copes with typos: "%s"', async (text, entities) => {
    const u = await nlu.understand(text);
    expect(u.entities).toMatchObject(entities);
    expect(u.confidence).toBeGreaterThan(0.5);
  });

  it.each(['can you change the size in my order to L?', 'swap it for an xl??', 'M?'])(
    'reads a size at the end of a question: "%s"',
    async (text) => {
      expect((await nlu.understand(text)).entities.size).toMatch(/^(L|XL|M)$/);
    },
  );

  it('extracts price ranges', async () => {
    expect((await nlu.understand('laptops under $1000')).entities).toMatchObject({
      category: 'laptops',
      price_max: 1000,
    });
    expect((await nlu.understand('between 1000 and 1500')).entities).toMatchObject({
      price_min: 1000,
      price_max: 1500,
    });
    expect((await nlu.understand('a phone around 800')).entities).toMatchObject({
      category: 'phones',
      price_min: 680,
      price_max: 920,
    });
    expect((await nlu.understand('jackets over $200')).entities).toMatchObject({ price_min: 200 });
    expect((await nlu.understand('something for 1k')).entities).toMatchObject({
      price_min: 850,
      price_max: 1150,
    });
  });

  it('extracts references, variants and quantities', async () => {
    expect((await nlu.understand('add 2 of the second one in black, size L')).entities).toMatchObject({
      quantity: 2,
      reference: { kind: 'ordinal', index: 1 },
      color: 'black',
      size: 'L',
    });
    expect((await nlu.understand('add it')).entities.reference).toEqual({ kind: 'pronoun' });
    expect((await nlu.understand('make it three')).entities.quantity).toBe(3);
    expect((await nlu.understand('do you have LAPTOP001')).entities.reference).toEqual({
      kind: 'id',
      product_id: 'LAPTOP001',
    });
    expect((await nlu.understand('red running shoes size 9.5')).entities).toMatchObject({
      size: '9.5',
      color: 'red',
    });
    expect((await nlu.understand('the Northwind one')).entities.brand).toBe('Northwind');
  });

  it('extracts locations, points and fulfilment', async () => {
    const u = await nlu.understand('can I pick it up today in San Jose?');
    expect(u.entities.location?.name).toBe('San Jose');
    expect(u.entities.fulfilment).toBe('same_day');
    expect((await nlu.understand('checkout with pickup and use 300 points')).entities).toMatchObject({
      points: 300,
      fulfilment: 'pickup',
    });
    expect((await nlu.understand('checkout, pick it up at oakland')).entities.fulfilment).toBe('pickup');
  });

  it('does not invent colours or sizes from ordinary words', async () => {
    const u = await nlu.understand("I need something nice, it's for my mom");
    expect(u.entities.color).toBeUndefined();
    expect(u.entities.size).toBeUndefined();
  });

  it('answers empty and huge messages without failing', async () => {
    expect((await nlu.understand('   ')).intent).toBe('general_chat');
    expect((await nlu.understand('laptop '.repeat(5000))).entities.category).toBe('laptops');
  });
});
