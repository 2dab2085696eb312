import { expandCategory } from '../domain/catalogue.js';
import { lookupType, typeIn, type NamedType } from '../domain/product-types/taxonomy.js';
import { ASKS_HOW_TO_BUY } from '../flows/shared/how-to.js';
import { flowOf, INTENTS, specOf, type Intent } from '../flows/registry.js';
import { namedAmong, saidInFull } from '../flows/shared/named.js';
import type { Understood } from '../flows/flow.js';
import type { Entities } from '../nlu/port.js';
import type { Pending, ShownProduct, Slots } from '../flows/conversation.js';

export interface DialogueContext {
  message: string;
  shown: ShownProduct[];
  focus: string | null;
  /** The product in focus before `focus`: "the other one". */
  previous_focus?: string | null;
  slots: Slots;
  pending: Pending | null;
  /** The last reply asked the pending question again, after a side question. */
  asked_again?: boolean;
  last_intent: Intent | null;
}

export interface Resolved {
  intent: Intent;
  entities: Entities;
  /** The product the message is about, when it could be told from the conversation. */
  target_product_id: string | null;
  slots: Slots;
  /** Whether this turn answers the pending question. */
  continues_pending: boolean;
  /** The conversation made sure of what the understanding alone was unsure of. */
  settled: boolean;
  /**
   * A side question or small talk: it keeps any open question, which is asked again after its answer.
   * A question about another product than the one in focus ("tell me about the second one") is
   * browsing, not a side question.
   */
  aside: boolean;
  /** A yes or no to the pending question. */
  answer: 'yes' | 'no' | null;
  /** The question still open after this turn's understanding; handlers may replace it. */
  pending: Pending | null;
}

/** Intents whose browse filters carry over from turn to turn. */
const refines = (intent: Intent): boolean => flowOf(intent).refines === true;

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);

/** The shown product a name fits best; null when it fits none, or several equally (then ask which). */
export function matchByName(
  shown: readonly ShownProduct[],
  text: string,
  message?: string,
): ShownProduct | null {
  const fits = namedAmong(shown, text, message);
  return fits.length === 1 ? fits[0]! : null;
}

/** "The green one", "the black medium ones": picking a product out by its look. */
const PICKS_OUT = /\bthe\s+(?:[\p{L}\p{N}-]+\s+){1,3}(?:one|ones|1)\b/iu;

/**
 * Which product a message is about, by precedence: an explicit id or name > an ordinal on the last list >
 * "it", "them", "that one" (the product in focus) > a colour or size that picks one from the last list (the
 * product in focus first, when it comes in them).
 * A colour said together with "it" is the variant wanted, never a different product.
 */
export function resolveTarget(e: Entities, ctx: DialogueContext): string | null {
  const ref = e.reference;
  if (ref?.kind === 'id') return ref.product_id;
  if (ref?.kind === 'name') return matchByName(ctx.shown, ref.text, ctx.message)?.product_id ?? null;
  if (ref?.kind === 'ordinal') return ctx.shown[ref.index]?.product_id ?? null;
  if (ref?.kind === 'last') return ctx.shown.at(-1)?.product_id ?? null;
  const single = ctx.shown.length === 1 ? (ctx.shown[0]?.product_id ?? null) : null;
  if (ref?.kind === 'pronoun' && (ctx.focus ?? single)) return ctx.focus ?? single;
  // "The Velo one": the one product shown of that brand (none when several are: then ask which).
  if (e.brand && PICKS_OUT.test(ctx.message)) {
    const brand = e.brand.toLowerCase();
    const ofBrand = ctx.shown.filter((p) => p.brand.toLowerCase() === brand);
    if (ofBrand.length === 1) return ofBrand[0]!.product_id;
    if (ofBrand.length > 1) {
      const focused = ofBrand.find((p) => p.product_id === ctx.focus);
      return focused?.product_id ?? null;
    }
  }
  // "The blue one": the first product shown in that colour (or size), when the message names no other.
  const picks = (p: ShownProduct) =>
    (e.color === undefined || p.colors.some((c) => c.toLowerCase() === e.color)) &&
    (e.size === undefined || p.sizes.some((s) => s.toUpperCase() === e.size?.toUpperCase()));
  if ((e.color !== undefined || e.size !== undefined) && !e.category) {
    // The product being discussed, when it comes that way ("the black medium one" right after its
    // details); "any in green?", "do you have it in green": the product being discussed, even if it doesn't come
    // that way (the answer then says what it comes in); "the green one" picks one out of those shown.
    const focused = ctx.shown.find((p) => p.product_id === ctx.focus);
    if (focused && (picks(focused) || !PICKS_OUT.test(ctx.message))) return focused.product_id;
    const byVariant = ctx.shown.find(picks);
    if (byVariant) return byVariant.product_id;
  }
  // "The pullover one", the kind said being a name's word ("pullover" reads as hoodies): the product on
  // screen that word names, the one just discussed among several, else none (then ask which).
  if (e.category && !e.query && PICKS_OUT.test(ctx.message)) {
    const fits = namedAmong(ctx.shown, ctx.message).filter((p) => p.category === e.category);
    const discussed = fits.filter((p) => p.product_id === ctx.focus || p.product_id === ctx.previous_focus);
    if (fits.length === 1) return fits[0]!.product_id;
    if (fits.length > 1) return discussed.length === 1 ? discussed[0]!.product_id : null;
  }
  if (e.category) {
    const byCategory = ctx.shown.find((p) => p.category === e.category);
    if (byCategory && e.query) return matchByName(ctx.shown, e.query)?.product_id ?? byCategory.product_id;
  }
  return ctx.focus ?? single;
}

/** The product discussed before the one in focus; with none, the other of exactly two shown. */
function otherProduct(ctx: DialogueContext): string | null {
  if (ctx.previous_focus && ctx.previous_focus !== ctx.focus) return ctx.previous_focus;
  if (ctx.shown.length === 2 && ctx.focus)
    return ctx.shown.find((p) => p.product_id !== ctx.focus)?.product_id ?? null;
  return null;
}

/** Only filters, no ask of its own: "in medium", "under $50", "blue". */
const onlyRefines = (e: Entities): boolean =>
  (e.color !== undefined ||
    e.size !== undefined ||
    e.price_min !== undefined ||
    e.price_max !== undefined ||
    e.price_direction !== undefined) &&
  e.reference === undefined;

/** "Cheaper ones" means below the middle price of what was just shown; "more premium", above it. */
function applyPriceDirection(e: Entities, shown: readonly ShownProduct[]): Entities {
  if (!e.price_direction || shown.length === 0 || e.price_min !== undefined || e.price_max !== undefined)
    return e;
  const prices = shown.map((p) => p.price).sort((a, b) => a - b);
  const middle = prices[Math.floor((prices.length - 1) / 2)] ?? 0;
  return e.price_direction === 'lower'
    ? { ...e, price_max: Math.round(middle * 100 - 1) / 100 }
    : { ...e, price_min: Math.round(middle * 100 + 1) / 100 };
}

function nextSlots(intent: Intent, e: Entities, previous: Slots, carry: boolean): Slots {
  const fresh: Slots = {};
  if (e.category) fresh.categories = expandCategory(e.category);
  if (e.brand) fresh.brand = e.brand;
  if (e.color) fresh.color = e.color;
  if (e.size) fresh.size = e.size;
  if (e.price_min !== undefined) fresh.min_price = e.price_min;
  if (e.price_max !== undefined) fresh.max_price = e.price_max;
  // Browsing a category searches within it by category alone; words with no category are what is searched.
  if (e.query && (intent !== 'browse' || !e.category)) fresh.text = e.query;
  const sameCategory = !e.category || previous.categories?.join() === fresh.categories?.join();
  // A new category starts a new search; a refinement keeps what was asked before.
  if (!carry || !sameCategory) return fresh;
  const merged: Slots = { ...previous, ...fresh };
  // A new price move replaces the old bound on the other side ("cheaper" after "over $200").
  if (e.price_direction === 'lower' && e.price_min === undefined) delete merged.min_price;
  if (e.price_direction === 'higher' && e.price_max === undefined) delete merged.max_price;
  if (!e.query && previous.text && e.category) delete merged.text;
  return merged;
}

/** The intents whose set phrases a whole message can be ("l8r", "let me think about it"). */
const PHRASED = INTENTS.filter((i) => specOf(i).says !== undefined);

/**
 * The understanding of a message that is one of an intent's set phrases: that intent, surely. A
 * classifier trained on sentences reads "I'll think about it" as saving a product, "l8r" as nothing.
 */
export function recognisePhrase<U extends Understood>(u: U, message: string): U {
  const text = message
    .trim()
    .toLowerCase()
    .replace(/[\s.!?…]+$/u, '');
  const intent = PHRASED.find((i) => specOf(i).says?.test(text));
  return intent ? { ...u, intent, confidence: 1 } : u;
}

/** A short question or fragment that leans on the last answer: "how much?", "is it waterproof?". */
const FOLLOW_UP =
  /^(?:and |but |so |ok |okay |hmm |what about )*(?:is|are|does|do|can|could|will|would|any|in|with|for|about|price|cost)\b|\b(?:how|what|whats|what's|which|when|where|why|who)\b|\?\s*$/i;

/** "And express?", "what about next day": a bare follow-up of one or two words. */
const ASKS_THE_SAME = /^(?:and|what about|how about)\s+\S+(?:\s+\S+)?\s*\?*$/i;

/** "The other one", "the other": the product discussed before the one in focus. */
const THE_OTHER = /\bthe other(?: (?:one|1|product|item))?\b/i;

/** Nothing but a pointer at another product: "and the second one?", "what about the other one". */
const ANOTHER_TOO =
  /^(?:and|what about|how about|same for|same with|n)?\s*(?:the\s+)?(?:other|first|second|third|fourth|fifth|last|\d(?:st|nd|rd|th))(?:\s+(?:one|1|product|item))?\s*\??$/i;

/** The intent a bare colour or size asks of the product in focus ("in black?" after its details). */
const BY_VARIANT = INTENTS.find((i) => specOf(i).asks_by_variant === true);

/** A question or remark that changes nothing: answered, it leaves the open question open. */
const aside = (intent: Intent): boolean => specOf(intent).aside === true;

/** A question about the shop or a product, small talk aside: what a follow-up question can lean on. */
const question = (intent: Intent | null): intent is Intent =>
  intent !== null && aside(intent) && specOf(intent).small_talk !== true;

/**
 * A question about one product that names a product on screen in full ("tell me about the Pageturn Tab
 * Kids Tablet"): the name settles which product and that it is about one, however unsure the wording.
 */
const namedInFull = (intent: Intent, target: string | null, ctx: DialogueContext): boolean => {
  if (target === null || specOf(intent).needs_product !== true || !question(intent)) return false;
  return saidInFull(ctx.shown, ctx.message)?.product_id === target;
};

/**
 * Whether a message names a kind of product as a thing, not as a verb: "any books?" does, "can I book a
 * slot" and "i want to watch a video" don't (a type word after "to", or before "a", "the", "my"...).
 */
const nounType = (named: NamedType | null, message: string): boolean => {
  if (!named) return false;
  const said = named.said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const verb = new RegExp(
    `\\b(?:to|i|we|you|can|could|will|would|lets|let's)\\s+${said}\\b|\\b${said}\\s+(?:a|an|the|my|your|our|it|this|that|some|me|us|them|for me)\\b`,
    'i',
  );
  return !verb.test(message);
};

/** Worded as asking for goods: "do you sell...", "do u guys have...", "looking for...", "got any...". */
const ASKS_FOR_GOODS =
  /\b(?:do|does|d'?you) (?:you|u|ya|y'all|you guys|u guys|the shop|your shop|your store) (?:sell|carry|stock|have|do|offer|make)\b|\b(?:looking|searching|shopping|hunting) for\b|^(?:any|got any|have you got)\b/i;

/** A message ending on a kind of product ("do you stock skirts?"), not on what happened to one. */
const endsWithType = (named: NamedType | null, message: string): boolean =>
  named !== null &&
  message
    .replace(/[?!.\s]+$/, '')
    .toLowerCase()
    .endsWith(named.said);

/** A question that outlives side questions, until the customer turns to shopping. */
const lasting = (p: Pending | null): boolean => p !== null && specOf(p.action).lasting_question === true;

/**
 * Reads a message in the light of the conversation: resolves "the first one", "it", "the blue one",
 * carries browse filters forward, and lets a bare answer ("medium", "in blue") continue what was asked.
 */
export function resolveDialogue(u: Understood, ctx: DialogueContext, threshold: number): Resolved {
  let intent = u.intent;
  const e = applyPriceDirection({ ...u.entities }, ctx.shown);
  let continuesPending = false;
  let settled = false;
  let answer: Resolved['answer'] = null;
  const pending = ctx.pending;
  // The kind of product the message names, if any: read once for the rules below.
  const named = typeIn(ctx.message);

  // The flow that asked a question reads the answer ("yes", an address); the question lapses otherwise.
  // A bare yes or no answers only the question of the turn just before: a "yes" to "shall I add it?"
  // never confirms a checkout summary shown earlier (it is shown again instead).
  let reply = pending ? (flowOf(pending.action).answers?.(pending, ctx.message, u) ?? null) : null;
  const askedJustNow = pending !== null && (ctx.last_intent === pending.action || ctx.asked_again === true);
  const offeredAdd =
    ctx.focus !== null && (ctx.last_intent === 'product_details' || ctx.last_intent === 'sort');
  if ((reply === 'yes' || reply === 'no') && !askedJustNow) {
    reply = reply === 'yes' && !offeredAdd ? 'detail' : null;
  }
  const addPending = pending?.action === 'add_to_cart' ? pending : null;
  const other = THE_OTHER.test(ctx.message) ? otherProduct(ctx) : null;
  // "The first colour", "the second size": a position in the options just offered.
  if (addPending?.options && e.reference?.kind === 'ordinal') {
    const index = e.reference.index;
    const color = /\bcolou?rs?\b/i.test(ctx.message) ? addPending.options.colors[index] : undefined;
    const size = /\bsizes?\b/i.test(ctx.message) ? addPending.options.sizes[index] : undefined;
    if (color ?? size) {
      if (color) e.color = color;
      if (size) e.size = size;
      delete e.reference;
    }
  }
  const answersVariant =
    addPending !== null &&
    ((addPending.missing.includes('color') && e.color !== undefined) ||
      (addPending.missing.includes('size') && e.size !== undefined));
  if (pending && reply) {
    intent = pending.action;
    continuesPending = true;
    answer = reply === 'detail' ? null : reply;
  } else if (answersVariant && (specOf(intent).continues || u.confidence < threshold || onlyRefines(e))) {
    intent = 'add_to_cart';
    continuesPending = true;
  } else if (
    addPending &&
    intent === 'update_cart' &&
    e.quantity !== undefined &&
    e.reference?.kind !== 'id' &&
    e.reference?.kind !== 'name'
  ) {
    // "Make that 1" while "which size?" is open changes how many to add, not a cart line.
    intent = 'add_to_cart';
    continuesPending = true;
  } else if (intent === 'affirm' && offeredAdd) {
    // "Yes" to "shall I add it to your cart?" after details of one product or the pick of a list.
    intent = 'add_to_cart';
  } else if (
    ctx.last_intent &&
    refines(ctx.last_intent) &&
    onlyRefines(e) &&
    (u.confidence < threshold || (!e.query && !e.category && !specOf(intent).acts_on_cart))
  ) {
    // "In medium", "under $50", "blue ones?" right after browsing narrow the same search.
    intent = ctx.last_intent;
  } else if (
    question(ctx.last_intent) &&
    specOf(ctx.last_intent).needs_product &&
    !specOf(intent).acts_on_cart &&
    ANOTHER_TOO.test(ctx.message.trim()) &&
    (other !== null || e.reference?.kind === 'ordinal' || e.reference?.kind === 'last')
  ) {
    // "And the second one?", "the other one?" right after a question about one product: the same
    // question of that one ("the other" being the product discussed before this one).
    if (other) e.reference = { kind: 'id', product_id: other };
    intent = ctx.last_intent;
  } else if (
    BY_VARIANT &&
    ctx.focus !== null &&
    question(ctx.last_intent) &&
    specOf(ctx.last_intent).needs_product &&
    (e.color !== undefined || e.size !== undefined) &&
    // "Do you have it in green?" too, but not "add 2 of them in green": that is an add.
    onlyRefines(
      e.reference?.kind === 'pronoun' && specOf(u.intent).acts_on_cart !== true
        ? { ...e, reference: undefined }
        : e,
    ) &&
    !e.category &&
    words(ctx.message).length <= 5
  ) {
    // "In black?", "what about in M?" right after a product's details or stock: that product that way.
    intent = BY_VARIANT;
  } else if (
    question(ctx.last_intent) &&
    !specOf(ctx.last_intent).needs_product &&
    specOf(u.intent).shopping === true &&
    Object.keys(e).every((k) => k === 'query') &&
    ASKS_THE_SAME.test(ctx.message.trim())
  ) {
    // "And express?" after the shipping methods: a bare "and ...?" after an answer about the shop, naming
    // nothing the catalogue has (no category, brand or product), asks that answer's question again.
    intent = ctx.last_intent;
    settled = true;
  } else if (
    question(ctx.last_intent) &&
    u.confidence < threshold &&
    !e.category &&
    words(ctx.message).length <= 7 &&
    FOLLOW_UP.test(ctx.message.trim())
  ) {
    // "How much?" after a product's details, "how long does express take?" after the shipping methods:
    // a short question the understanding can't place surely is asked of what was just answered (another
    // question about the same product, when it leans to one).
    const aboutProduct = specOf(ctx.last_intent).needs_product && specOf(u.intent).needs_product;
    intent = question(u.intent) && aboutProduct ? u.intent : ctx.last_intent;
    settled = true;
  } else if (
    ctx.last_intent &&
    specOf(ctx.last_intent).asks_again_by_place &&
    e.location !== undefined &&
    ctx.focus !== null &&
    !e.category &&
    !e.reference &&
    words(ctx.message).length <= 6
  ) {
    // "What about in Oakland?" right after a stock question asks it again there, of the same product.
    intent = ctx.last_intent;
  } else if (
    !pending &&
    u.confidence < threshold &&
    // Leaning to shopping or small talk: "hoodie never arrived", "jacket doesn't fit" or "is the kettle
    // dishwasher safe" lean elsewhere, and get the clarifying question.
    (refines(u.intent) || specOf(u.intent).small_talk === true || endsWithType(named, ctx.message)) &&
    // "The spare room" in "a dresser for the spare room" points at nothing on screen.
    (!e.reference || (e.reference.kind === 'name' && resolveTarget(e, ctx) === null)) &&
    nounType(named, ctx.message)
  ) {
    // "Do you stock skirts?": a message the understanding can't place that names a kind of product is a
    // search for it (which says so when the shop doesn't carry that kind).
    intent = 'search';
    settled = true;
  } else if (
    !pending &&
    u.confidence < threshold &&
    refines(u.intent) &&
    e.query !== undefined &&
    ASKS_FOR_GOODS.test(ctx.message)
  ) {
    // "Do you sell surfboards?": leaning to shopping and worded as asking for goods, whatever the goods.
    intent = 'search';
    settled = true;
  } else if (
    !pending &&
    specOf(u.intent).shopping !== true &&
    ASKS_HOW_TO_BUY.test(ctx.message) &&
    (e.category !== undefined || named !== null)
  ) {
    // "How do I order a phone?" asks to buy one: the phones, not the orders placed.
    intent = 'search';
    settled = true;
  } else if (
    !pending &&
    e.category !== undefined &&
    // Nothing else searched for, or only the kind within the range ("cushions" in home).
    (e.query === undefined || lookupType(e.query) !== null) &&
    !e.reference &&
    (specOf(u.intent).shopping !== true || u.confidence < threshold) &&
    words(ctx.message).length <= 6
  ) {
    // "Phone", "any iphone 11?", "ok what about cushions then?": a category and nothing else asks to see
    // it, however the words read alone.
    intent = 'search';
    settled = true;
  }

  // A side question while a question is open, read unsurely as one: answering it changes nothing, and
  // the open question is asked again after it ("do you have a store in oakland?" at the summary).
  if (
    pending &&
    !continuesPending &&
    intent === u.intent &&
    question(intent) &&
    FOLLOW_UP.test(ctx.message.trim())
  )
    settled = true;

  // "I want to buy a phone" names a kind of product, not one on screen: show some rather than guess.
  if (intent === 'add_to_cart' && !continuesPending && !e.reference && e.category) intent = 'recommend';

  const carry = refines(intent) && ctx.last_intent !== null && refines(ctx.last_intent);
  const slots = refines(intent) ? nextSlots(intent, e, ctx.slots, carry) : ctx.slots;
  const target = continuesPending && addPending ? addPending.product_id : resolveTarget(e, ctx);
  const browsing =
    specOf(intent).needs_product === true &&
    e.reference !== undefined &&
    e.reference.kind !== 'pronoun' &&
    target !== ctx.focus;
  const isAside = !continuesPending && aside(intent) && !browsing;
  // An unanswered question lapses when the customer moves on, except a checkout summary: it stays
  // confirmable (for its cart version and total, until it expires) while they keep shopping; a question
  // about an order survives until the customer turns to shopping; and any question survives a side
  // question or small talk, after whose answer it is asked again (so a bare "yes" then answers it).
  const keep =
    continuesPending ||
    (intent === 'add_to_cart' && addPending !== null) ||
    (pending?.action === 'checkout' && pending.confirm !== null) ||
    (lasting(pending) && !specOf(intent).shopping) ||
    // A side question ("do you take PayPal?" while an address is asked for) keeps any open question.
    (pending !== null && isAside);
  return {
    intent,
    entities: e,
    target_product_id: target,
    slots,
    continues_pending: continuesPending,
    settled: settled || continuesPending || intent !== u.intent || namedInFull(intent, target, ctx),
    aside: isAside,
    answer,
    pending: keep ? pending : null,
  };
}
