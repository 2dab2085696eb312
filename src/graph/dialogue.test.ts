import { describe, expect, it } from 'vitest';
import type { Intent } from '../flows/registry.js';
import type { Entities } from '../nlu/port.js';
import { recognisePhrase, resolveDialogue, type DialogueContext } from './dialogue.js';

const shown = [
  {
    product_id: 'H1',
    name: 'Cloud Fleece Hoodie',
    brand: 'Velo',
    category: 'hoodies',
    price: 50,
    colors: ['grey'],
    sizes: ['M'],
  },
  {
    product_id: 'H2',
    name: 'Tech Zip Hoodie',
    brand: 'Nordkap',
    category: 'hoodies',
    price: 80,
    colors: ['blue', 'black'],
    sizes: ['L'],
  },
  {
    product_id: 'L1',
    name: 'ProBook Laptop',
    brand: 'Northwind',
    category: 'laptops',
    price: 1200,
    colors: ['silver'],
    sizes: [],
  },
];
const ctx = (over: Partial<DialogueContext> = {}): DialogueContext => ({
  message: '',
  shown,
  focus: null,
  slots: {},
  pending: null,
  last_intent: null,
  ...over,
});
const u = (intent: Intent, entities: Entities, confidence = 1) => ({
  intent,
  entities,
  confidence,
  source: 'test',
});

describe('resolveDialogue', () => {
  it('resolves ordinals, "the last one", names and colours against what was shown', () => {
    expect(
      resolveDialogue(u('add_to_cart', { reference: { kind: 'ordinal', index: 1 } }), ctx(), 0.7)
        .target_product_id,
    ).toBe('H2');
    expect(
      resolveDialogue(u('add_to_cart', { reference: { kind: 'last' } }), ctx(), 0.7).target_product_id,
    ).toBe('L1');
    expect(
      resolveDialogue(u('product_details', { reference: { kind: 'name', text: 'probook' } }), ctx(), 0.7)
        .target_product_id,
    ).toBe('L1');
    expect(
      resolveDialogue(u('add_to_cart', { color: 'blue', reference: { kind: 'pronoun' } }), ctx(), 0.7)
        .target_product_id,
    ).toBe('H2');
    expect(
      resolveDialogue(u('add_to_cart', { reference: { kind: 'ordinal', index: 9 } }), ctx(), 0.7)
        .target_product_id,
    ).toBeNull();
  });

  // The precedence table: explicit id or name > ordinal on the last list > "it"/"them" (the focus) > a
  // colour or size that picks from the last list.
  it.each<[string, Entities, string | null, string | null]>([
    ['an id beats everything', { reference: { kind: 'id', product_id: 'X9' }, color: 'blue' }, 'H1', 'X9'],
    ['a name beats the focus', { reference: { kind: 'name', text: 'probook' } }, 'H1', 'L1'],
    ['an ordinal beats the focus', { reference: { kind: 'ordinal', index: 1 } }, 'H1', 'H2'],
    ['an ordinal beats a colour', { reference: { kind: 'ordinal', index: 0 }, color: 'blue' }, null, 'H1'],
    ['"them in black" is the focus in black', { reference: { kind: 'pronoun' }, color: 'black' }, 'H1', 'H1'],
    ['"it" is the focus', { reference: { kind: 'pronoun' } }, 'L1', 'L1'],
    [
      '"it in blue" with no focus picks by colour',
      { reference: { kind: 'pronoun' }, color: 'blue' },
      null,
      'H2',
    ],
    ['"the blue one" picks from the list', { color: 'blue' }, null, 'H2'],
    ['"the one in L" picks from the list', { size: 'L' }, null, 'H2'],
    ['nothing said is the focus', {}, 'H2', 'H2'],
    ['an ordinal off the list is nothing', { reference: { kind: 'ordinal', index: 9 } }, 'H1', null],
  ])('%s', (_case, entities, focus, expected) => {
    expect(resolveDialogue(u('add_to_cart', entities), ctx({ focus }), 0.7).target_product_id).toBe(expected);
  });

  it('reads "the black medium one" as the product in focus when it comes that way, else the first that does', () => {
    const twins = [
      { ...shown[0]!, product_id: 'T1', colors: ['black'], sizes: ['M'] },
      { ...shown[0]!, product_id: 'T2', colors: ['black', 'red'], sizes: ['M'] },
    ];
    const black = u('inventory_check', { color: 'black', size: 'M' });
    expect(resolveDialogue(black, ctx({ shown: twins, focus: 'T2' }), 0.7).target_product_id).toBe('T2');
    expect(resolveDialogue(black, ctx({ shown: twins, focus: null }), 0.7).target_product_id).toBe('T1');
    // A focus that does not come in red is not "the red one"; but "any in red?" still asks about it.
    const red = u('inventory_check', { color: 'red' });
    const on = (message: string) => ctx({ shown: twins, focus: 'T1', message });
    expect(resolveDialogue(red, on('is the red one in stock?'), 0.7).target_product_id).toBe('T2');
    expect(resolveDialogue(red, on('any in red?'), 0.7).target_product_id).toBe('T1');
  });

  it.each<[string, Entities, Partial<Entities>]>([
    ['the first colour', { reference: { kind: 'ordinal', index: 0 } }, { color: 'blue' }],
    ['the second color please', { reference: { kind: 'ordinal', index: 1 } }, { color: 'black' }],
    ['the black one', { color: 'black' }, { color: 'black' }],
    ['medium', { size: 'M' }, { size: 'M' }],
  ])('answers "which colour?" with "%s"', (message, entities, wanted) => {
    const pending = {
      action: 'add_to_cart' as const,
      product_id: 'H2',
      quantity: 1,
      missing: ['color' as const, 'size' as const],
      options: { colors: ['blue', 'black'], sizes: ['M', 'L'] },
    };
    const r = resolveDialogue(u('general_chat', entities, 0.3), ctx({ message, pending }), 0.7);
    expect(r).toMatchObject({ intent: 'add_to_cart', continues_pending: true, target_product_id: 'H2' });
    expect(r.entities).toMatchObject(wanted);
  });

  it.each<[string, Intent, Intent | null, 'yes' | 'no' | null, Intent]>([
    ['yes right after the summary confirms', 'affirm', 'checkout', 'yes', 'checkout'],
    ['no right after the summary cancels', 'deny', 'checkout', 'no', 'checkout'],
    ['yes after something else shows the summary again', 'affirm', 'view_cart', null, 'checkout'],
    ['no after something else leaves the summary alone', 'deny', 'view_cart', null, 'deny'],
  ])('%s', (_case, said, last, answer, intent) => {
    const pending = {
      action: 'checkout' as const,
      fulfilment: { type: 'ship' as const },
      redeem_points: 0,
      missing: null,
      confirm: { cart_version: 3, total: 10, expires_at: '2099-01-01T00:00:00Z' },
    };
    const r = resolveDialogue(u(said, {}), ctx({ message: said, pending, last_intent: last }), 0.7);
    expect(r).toMatchObject({ intent, answer });
    expect(r.pending).toEqual(pending);
  });

  it('searches the words of a browse that names no category, so an unknown product is not a silent fallback', () => {
    expect(resolveDialogue(u('browse', { query: 'teapots' }), ctx(), 0.7).slots).toEqual({ text: 'teapots' });
    expect(resolveDialogue(u('browse', { category: 'hoodies', query: 'cosy' }), ctx(), 0.7).slots).toEqual({
      categories: ['hoodies'],
    });
  });

  it('reads "make that 1" while "which size?" is open as the quantity to add', () => {
    const pending = {
      action: 'add_to_cart' as const,
      product_id: 'H2',
      quantity: 2,
      missing: ['size' as const],
    };
    const r = resolveDialogue(
      u('update_cart', { quantity: 1, reference: { kind: 'pronoun' } }),
      ctx({ message: 'actually make that 1', pending }),
      0.7,
    );
    expect(r).toMatchObject({
      intent: 'add_to_cart',
      continues_pending: true,
      target_product_id: 'H2',
      pending,
    });
  });

  it('reads "it" as the product in focus', () => {
    expect(
      resolveDialogue(u('inventory_check', { reference: { kind: 'pronoun' } }), ctx({ focus: 'H1' }), 0.7)
        .target_product_id,
    ).toBe('H1');
  });

  it('carries browse filters forward and narrows with a bare refinement', () => {
    const first = resolveDialogue(u('browse', { category: 'hoodies' }), ctx(), 0.7);
    expect(first.slots).toEqual({ categories: ['hoodies'] });
    const refined = resolveDialogue(
      u('inventory_check', { size: 'M' }, 0.88),
      ctx({ slots: first.slots, last_intent: 'browse' }),
      0.7,
    );
    expect(refined.intent).toBe('browse');
    expect(refined.slots).toEqual({ categories: ['hoodies'], size: 'M' });
    const cheaper = resolveDialogue(
      u('search', { price_max: 50 }, 0.5),
      ctx({ slots: refined.slots, last_intent: 'browse' }),
      0.7,
    );
    expect(cheaper.slots).toEqual({ categories: ['hoodies'], size: 'M', max_price: 50 });
  });

  it('reads "cheaper ones" as under the middle price shown, replacing an earlier lower bound', () => {
    const r = resolveDialogue(
      u('thanks', { price_direction: 'lower' }, 0.73),
      ctx({ slots: { categories: ['hoodies'], min_price: 40 }, last_intent: 'browse' }),
      0.7,
    );
    expect(r.intent).toBe('browse');
    expect(r.slots).toEqual({ categories: ['hoodies'], max_price: 79.99 });
    const up = resolveDialogue(
      u('browse', { price_direction: 'higher' }),
      ctx({ last_intent: 'browse' }),
      0.7,
    );
    expect(up.slots.min_price).toBe(80.01);
  });

  it('shows products when a purchase names a kind of product rather than one on screen', () => {
    expect(resolveDialogue(u('add_to_cart', { category: 'phones' }), ctx(), 0.7).intent).toBe('recommend');
    expect(
      resolveDialogue(u('add_to_cart', { reference: { kind: 'ordinal', index: 0 } }), ctx(), 0.7).intent,
    ).toBe('add_to_cart');
  });

  it('starts afresh on a new category', () => {
    const r = resolveDialogue(
      u('browse', { category: 'laptops' }),
      ctx({ slots: { categories: ['hoodies'], size: 'M' }, last_intent: 'browse' }),
      0.7,
    );
    expect(r.slots).toEqual({ categories: ['laptops'] });
  });

  it('expands umbrella categories', () => {
    expect(resolveDialogue(u('browse', { category: 'electronics' }), ctx(), 0.7).slots.categories).toContain(
      'phones',
    );
  });

  it('lets an answer to "which size?" continue the pending add', () => {
    const pending = {
      action: 'add_to_cart' as const,
      product_id: 'H2',
      quantity: 2,
      missing: ['size' as const],
    };
    const r = resolveDialogue(
      u('inventory_check', { size: 'L' }, 0.9),
      ctx({ pending, last_intent: 'add_to_cart' }),
      0.7,
    );
    expect(r).toMatchObject({ intent: 'add_to_cart', target_product_id: 'H2', continues_pending: true });
    const moveOn = resolveDialogue(u('view_cart', {}, 1), ctx({ pending }), 0.7);
    expect(moveOn).toMatchObject({ intent: 'view_cart', continues_pending: false });
  });

  it('keeps a question about an order through a side question, and drops it when the customer turns to shopping', () => {
    const pending = {
      action: 'cancel_order' as const,
      order_id: 'ORD-1',
      status: 'paid' as const,
      choices: [],
    };
    const side = resolveDialogue(u('loyalty', {}), ctx({ pending, last_intent: 'cancel_order' }), 0.7);
    expect(side).toMatchObject({ intent: 'loyalty', pending });
    const shopping = resolveDialogue(u('browse', { category: 'hoodies' }), ctx({ pending }), 0.7);
    expect(shopping.pending).toBeNull();
  });
});

describe('staying on track', () => {
  const cancel = { action: 'cancel_order' as const, order_id: 'ORD-1', status: 'paid' as const, choices: [] };
  const checkout = {
    action: 'checkout' as const,
    fulfilment: { type: 'ship' as const, method: 'standard' },
    redeem_points: 0,
    missing: 'address' as const,
    confirm: null,
  };

  it('keeps any open question through a side question or small talk, and drops it on a new request', () => {
    for (const side of [
      'shipping_info',
      'payment_info',
      'product_details',
      'bot_identity',
      'thanks',
    ] as const)
      expect(resolveDialogue(u(side, {}), ctx({ pending: checkout }), 0.7).pending, side).toBe(checkout);
    expect(
      resolveDialogue(u('browse', { category: 'hoodies' }), ctx({ pending: checkout }), 0.7).pending,
    ).toBe(null);
    // Details of another product than the one in focus are browsing, not a side question.
    const other = resolveDialogue(
      u('product_details', { reference: { kind: 'ordinal', index: 1 } }),
      ctx({ pending: checkout, focus: 'H1' }),
      0.7,
    );
    expect(other).toMatchObject({ aside: false, pending: null });
    const same = resolveDialogue(
      u('product_details', { reference: { kind: 'pronoun' } }),
      ctx({ pending: checkout, focus: 'H1' }),
      0.7,
    );
    expect(same).toMatchObject({ aside: true, pending: checkout });
  });

  it('takes a bare yes after the open question was asked again as its answer, and not otherwise', () => {
    const again = resolveDialogue(
      u('affirm', {}),
      ctx({ message: 'yes', pending: cancel, last_intent: 'loyalty', asked_again: true }),
      0.7,
    );
    expect(again).toMatchObject({ intent: 'cancel_order', answer: 'yes' });
    const stale = resolveDialogue(
      u('affirm', {}),
      ctx({ message: 'yes', pending: cancel, last_intent: 'loyalty' }),
      0.7,
    );
    expect(stale.answer).toBeNull();
  });

  it('answers an unsure side question while a question is open, instead of asking to rephrase', () => {
    const r = resolveDialogue(
      u('inventory_check', {}, 0.66),
      ctx({ message: 'do you have a store in oakland?', pending: checkout }),
      0.7,
    );
    expect(r).toMatchObject({ intent: 'inventory_check', settled: true, pending: checkout });
    expect(
      resolveDialogue(u('inventory_check', {}, 0.66), ctx({ message: 'store oakland?' }), 0.7).settled,
    ).toBe(false);
  });

  it.each<[string, Intent, Entities, Intent, string | null]>([
    ['how much?', 'view_cart', {}, 'product_details', 'H2'],
    ['in black?', 'browse', { color: 'black' }, 'inventory_check', 'H2'],
    ['and the first one?', 'compare', { reference: { kind: 'ordinal', index: 0 } }, 'product_details', 'H1'],
    ['the other one?', 'compare', { reference: { kind: 'name', text: 'other' } }, 'product_details', 'L1'],
  ])('reads "%s" after a product answer as about that product', (message, read, entities, intent, target) => {
    const r = resolveDialogue(
      u(read, entities, read === 'view_cart' ? 0.62 : 0.95),
      ctx({ message, focus: 'H2', previous_focus: 'L1', last_intent: 'product_details' }),
      0.7,
    );
    expect(r).toMatchObject({ intent, target_product_id: target });
  });

  it('asks a short unsure question after a shipping answer of shipping again', () => {
    const r = resolveDialogue(
      u('general_chat', {}, 0.56),
      ctx({ message: 'how long does express take?', last_intent: 'shipping_info' }),
      0.7,
    );
    expect(r).toMatchObject({ intent: 'shipping_info', settled: true });
  });

  it.each([
    ['let me think', 'general_chat'],
    ["I'll think about it.", 'general_chat'],
    ['hmm, give me a sec', 'general_chat'],
    ['l8r', 'goodbye'],
    ['gtg!', 'goodbye'],
  ])('recognises the set phrase "%s"', (message, intent) => {
    expect(recognisePhrase(u('save_for_later', {}, 0.81), message)).toMatchObject({ intent, confidence: 1 });
  });

  it.each(['let me see the first one', 'let me talk to a human', 'hold on, no', 'later I want a hoodie'])(
    'leaves "%s" to the understanding',
    (message) => {
      expect(recognisePhrase(u('browse', {}, 0.9), message).intent).toBe('browse');
    },
  );
});
