import MiniSearch from 'minisearch';
import { list } from '../../replies/phrasing.js';
import type { ShopContext } from '../../shop/shop-context.js';
import { shippingMethodsText } from '../shared/fulfilment-text.js';
import { contactText } from '../../shop/contact-text.js';
import { paymentMethodsText } from '../shared/payment-text.js';

/** What a piece of the shop's information is about; each support intent prefers its own topic. */
export type Topic = 'shipping' | 'payment' | 'returns' | 'account' | 'contact' | 'faq' | 'tax' | 'pickup';

/** One answer the shop's information gives, with the words customers use to ask for it. */
export interface Entry {
  id: string;
  topic: Topic;
  /** Searched: what it answers, and other words for it. */
  title: string;
  keywords: string;
  /** Said to the customer, word for word: the shop file's facts only. */
  answer: string;
  /** Searched too: a FAQ answer's own words; empty for answers written from settings (their words are in `keywords`). */
  body: string;
}

/** The shop file as answers: shipping, payment, returns and exchanges, account help, contact, FAQ. */
export function entriesOf(ctx: ShopContext): Entry[] {
  const shop = ctx.shop;
  const entries: Entry[] = [];
  const add = (topic: Topic, id: string, title: string, keywords: string, answer: string) =>
    entries.push({ id, topic, title, keywords, answer, body: topic === 'faq' ? answer : '' });

  const sameDay = shop.same_day_delivery
    ? ` Same-day delivery is available from participating stores within ${shop.same_day_delivery.radius_km} km.`
    : '';
  add(
    'shipping',
    'shipping',
    'shipping delivery options costs and times',
    `ship shipping shipped deliver delivery postage courier cost costs price fee free express standard fast quick quickly long days time arrive ${shop.shipping.map((m) => m.name).join(' ')}`,
    `We ship by ${shippingMethodsText(ctx)}.${sameDay}`,
  );
  if (shop.pickup.enabled) {
    add(
      'pickup',
      'pickup',
      'collect in store pickup',
      'pickup pick collect collection store stores click',
      'You can collect your order from one of our stores at no cost: choose pickup at checkout and I will tell you which stores can hand it over today.',
    );
  }
  add(
    'tax',
    'tax',
    'tax included in prices',
    'tax taxes vat sales included inclusive',
    shop.tax
      ? `${shop.tax.label} of ${(shop.tax.rate * 100).toFixed(3).replace(/\.?0+$/, '')}% is added at checkout${shop.tax.on_shipping ? ', shipping included' : ''}.`
      : 'Our prices include tax.',
  );
  const payment = paymentMethodsText(ctx);
  if (payment) {
    add(
      'payment',
      'payment',
      'payment methods accepted',
      `pay paying paid payment payments method methods option options accept accepted take charge charged checkout currency ${shop.currency} ${paymentWords(ctx)}`,
      payment,
    );
  }
  if (shop.returns) {
    add(
      'returns',
      'returns',
      'returns policy refund send back',
      `return returns returning refund refunds money back send back sendback window days exchange ${shop.returns.excluded_categories.join(' ')}`,
      `Our returns policy: ${shop.returns.text}${
        shop.returns.excluded_categories.length > 0 && !/cannot be returned/.test(shop.returns.text)
          ? ` These cannot be returned: ${list(shop.returns.excluded_categories.map((c) => c.replace(/-/g, ' ')))}.`
          : ''
      }`,
    );
  }
  if (shop.exchanges) {
    add(
      'returns',
      'exchanges',
      'exchanges swap size colour',
      'exchange exchanges swap different size colour color replace replacement',
      shop.exchanges.allowed
        ? (shop.exchanges.text ?? 'You can exchange an item for another size or colour.')
        : (shop.exchanges.text ?? "We don't do exchanges: return the item and order the one you want."),
    );
  }
  const account = shop.account;
  if (account) {
    const parts = [
      account.password_reset_url ? `Reset your password at ${account.password_reset_url}.` : '',
      account.sign_up_url ? `Create an account at ${account.sign_up_url}.` : '',
      account.guest_checkout === true ? 'You can also order as a guest, without an account.' : '',
      account.guest_checkout === false ? 'Ordering needs an account.' : '',
      account.text ?? '',
    ].filter(Boolean);
    if (parts.length > 0) {
      add(
        'account',
        'account',
        'account login password sign up',
        'account accounts login log sign signup register registration password forgot reset username email profile guest delete close settings unsubscribe',
        parts.join(' '),
      );
    }
  }
  const c = shop.contact;
  add(
    'contact',
    'contact',
    'contact customer service hours',
    'contact reach call phone email mail hours open opening customer service support team talk person human number',
    `${contactText(ctx)}${c.channels.length > 0 ? ` You can also reach us by ${list(c.channels)}.` : ''}`,
  );
  shop.faq.forEach((f, i) => add('faq', `faq-${i + 1}`, f.question, f.keywords.join(' '), f.answer));
  return entries;
}

/** What customers call the ways to pay this shop offers in this payment mode, and only those. */
function paymentWords(ctx: ShopContext): string {
  const p = ctx.shop.payments;
  if (ctx.paymentMode === 'stripe') {
    // "amex" for American Express.
    const aliases = p.online.some((m) => /american express/i.test(m)) ? ' amex' : '';
    return `card cards credit debit online link page ${p.online.join(' ')}${aliases}`;
  }
  const cards = (accepts: readonly string[]) => (accepts.some((a) => /card/i.test(a)) ? ' credit debit' : '');
  return [
    // Only money words: "pickup" or "account" here would take questions from their own entries.
    p.bank_transfer ? 'bank transfer wire iban sepa send money' : '',
    p.pay_at_pickup ? `${p.pay_at_pickup.accepts.join(' ')}${cards(p.pay_at_pickup.accepts)}` : '',
    p.cash_on_delivery ? 'cash cod' : '',
  ].join(' ');
}

/** Words that say nothing about what is asked: question words, pronouns, politeness, chat filler. */
const STOP = new Set(
  (
    'a an the and or but if of to in on at by for with from as into about than then so too very just also ' +
    'i me my mine we us our you your yours it its this that these those there here they them their he she ' +
    'is are was were be been being am do does did doing have has had having can could would should will shall may might must ' +
    'what which who whom whose when where why how whats hows wheres whens ' +
    'hi hey hello yo hiya thanks thank thx ty please pls plz ok okay yes no not dont cant wont wat wut ' +
    // Asides around a question: "wait, do you ship to Hawaii?".
    'wait hmm btw actually anyway oh um umm uh ' +
    'any some all every each much many more most other another such only own same ' +
    'get got want need like know tell ask wondering wonder question quick help info information ' +
    // Request frames: "i need assistance to check the cancellation fees" asks about the fees.
    'assistance assist check see find sure possible able way let ' +
    'good morning afternoon evening whether regarding concerning kindly dear sir madam would ' +
    'guys team shop store website site online order orders ordered item items thing things stuff product products ' +
    'policy policies rule rules'
  ).split(/\s+/),
);

export interface Answer {
  entry: Entry | null;
  /** Words the question asks about that nothing in the shop's information mentions. */
  unknown: string[];
}

/** A plural or third-person ending off ("boxes" -> "box", "returns" -> "return"); short words kept. */
const stem = (word: string): string =>
  word.length > 4 && /(ss|us|is)$/.test(word)
    ? word
    : word.length > 4 && /(x|ch|sh)es$/.test(word)
      ? word.slice(0, -2)
      : word.length > 3 && word.endsWith('s')
        ? word.slice(0, -1)
        : word;

type Built = { index: MiniSearch<Entry>; entries: Entry[] };
/** Per shop file and payment mode: the payment answer depends on both. */
const cache = new WeakMap<ShopContext['shop'], Partial<Record<ShopContext['paymentMode'], Built>>>();

function indexOf(ctx: ShopContext): Built {
  const byMode = cache.get(ctx.shop) ?? {};
  let built = byMode[ctx.paymentMode];
  if (!built) {
    const entries = entriesOf(ctx);
    const index = new MiniSearch<Entry>({
      fields: ['title', 'keywords', 'body'],
      storeFields: ['id'],
      // "boxes" finds "box", "gifts" finds "gift": the same plain ending rule for the file and the question.
      processTerm: (term) => stem(term.toLowerCase()),
      searchOptions: { processTerm: (term) => stem(term.toLowerCase()) },
    });
    index.addAll(entries);
    built = { index, entries };
    cache.set(ctx.shop, { ...byMode, [ctx.paymentMode]: built });
  }
  return built;
}

/** One entry of the shop's information by id ("returns", "exchanges", "contact"); null when the file has none. */
export const entryOf = (ctx: ShopContext, id: string): Entry | null =>
  indexOf(ctx).entries.find((e) => e.id === id) ?? null;

/** Entries a word of the question points at: typos forgiven in long words only ("shiping"), so a
 * different name ("PayPal" for "PayPay") is not taken for another. */
const entriesFor = (index: MiniSearch<Entry>, word: string): Set<string> =>
  new Set(
    index
      .search(word, { fuzzy: word.length >= 7 ? 1 : false, prefix: word.length > 3 })
      .map((h) => h.id as string),
  );

/**
 * The shop's answer to a question, preferring the topics of the intent it was understood as: the entry
 * that the most words of the question point at, and the words nothing in the shop's information
 * mentions - those are not guessed at ("do you ship to Mars?" gets the shipping methods and is told
 * Mars is not in the shop's information).
 */
export function findAnswer(ctx: ShopContext, message: string, topics: readonly Topic[]): Answer {
  const { index, entries } = indexOf(ctx);
  // The shop's own name says nothing about what is asked of it ("does Bayside ship to Hawaii?").
  const own = new Set(ctx.shop.name.toLowerCase().split(/[^\p{L}\d]+/u));
  const words = [
    ...new Set(
      (message.toLowerCase().match(/[\p{L}\d][\p{L}\d'.-]*/gu) ?? [])
        .map((w) => w.replace(/['.-]+$/g, '').replace(/'s$/, ''))
        .filter((w) => w.length > 2 && !STOP.has(w) && !own.has(w) && !/^\d+$/.test(w)),
    ),
  ];
  const pointed = words.map((w) => entriesFor(index, w));
  const unknown = words.filter((_, i) => pointed[i]!.size === 0);
  if (words.length === 0) return { entry: entries.find((e) => topics.includes(e.topic)) ?? null, unknown };
  // Most words pointing at it wins; the intent's own topics break ties, then the order of `topics`.
  const rank = (e: Entry) => {
    const hits = pointed.filter((ids) => ids.has(e.id)).length;
    const t = topics.indexOf(e.topic);
    return hits === 0 ? -1 : hits * 100 + (t < 0 ? 0 : 50 - t);
  };
  const best = entries.reduce<Entry | null>((a, e) => (rank(e) > (a ? rank(a) : -1) ? e : a), null);
  return { entry: best && rank(best) >= 0 ? best : null, unknown };
}
