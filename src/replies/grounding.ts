/**
 * Checks a model's reply against the facts it was given: every price, percentage and other number in
 * the reply must appear in the facts, and money promises (free, discount, coupon) must be there too.
 */

type Kind = 'money' | 'percent' | 'plain';

interface Found {
  text: string;
  kind: Kind;
  /** Every value the text can be read as (1,299.50 and 1.299,50 are both 1299.5). */
  readings: string[];
}

const NUMBER = /\d+(?:[.,\u00a0\u202f]\d+)*/g;
const CURRENCY_BEFORE = /(?:[$€£¥]|usd|eur|gbp)\s*$/i;
const CURRENCY_AFTER = /^\s*(?:[$€£¥]|usd|eur|gbp|dollars?|euros?)/i;
const PERCENT_AFTER = /^\s*(?:%|percent|per cent|pour cent|por ciento|prozent|per cento)/i;
const PROMISES =
  /\b(free|for nothing|gratis|gratuit|gratuite|kostenlos|discount|coupon|voucher|promo(?:tion)? code|refund)\b/gi;

const key = (n: number) => n.toFixed(2);

function readingsOf(raw: string): string[] {
  const text = raw.replace(/[\u00a0\u202f]/g, ' ');
  const values = new Set<number>();
  const plain = Number(text.replace(/ /g, ''));
  if (!Number.isNaN(plain)) values.add(plain);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) values.add(Number(text.replace(/,/g, '')));
  if (/^\d{1,3}([. ]\d{3})+(,\d+)?$/.test(text))
    values.add(Number(text.replace(/[. ]/g, '').replace(',', '.')));
  if (/^\d+,\d{1,2}$/.test(text)) values.add(Number(text.replace(',', '.')));
  if (/^\d{1,3}( \d{3})+$/.test(text)) values.add(Number(text.replace(/ /g, '')));
  return [...values].filter(Number.isFinite).map(key);
}

export function numbersIn(text: string): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const raw = match[0].replace(/[.,]$/, '');
    const start = match.index;
    const before = text.slice(Math.max(0, start - 4), start);
    const after = text.slice(start + raw.length, start + raw.length + 12);
    const kind: Kind = PERCENT_AFTER.test(after)
      ? 'percent'
      : CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)
        ? 'money'
        : 'plain';
    found.push({ text: raw, kind, readings: readingsOf(raw) });
  }
  return found;
}

/** What a reply may say: the facts' numbers by kind, and the promises the facts make. */
export interface Grounding {
  money: Set<string>;
  percent: Set<string>;
  any: Set<string>;
  promises: Set<string>;
}

export function groundingOf(facts: string, listLength = 0): Grounding {
  const grounding: Grounding = { money: new Set(), percent: new Set(), any: new Set(), promises: new Set() };
  for (const n of numbersIn(facts)) {
    for (const r of n.readings) {
      grounding.any.add(r);
      if (n.kind === 'money') grounding.money.add(r);
      if (n.kind === 'percent') grounding.percent.add(r);
    }
  }
  // A reply may number the products it lists.
  for (let i = 1; i <= listLength; i++) grounding.any.add(key(i));
  for (const m of facts.matchAll(PROMISES)) grounding.promises.add(m[0].toLowerCase());
  return grounding;
}

/** The numbers and promises in `reply` the facts don't back; empty when the reply is grounded. */
export function ungrounded(reply: string, grounding: Grounding): string[] {
  const problems: string[] = [];
  for (const n of numbersIn(reply)) {
    const allowed =
      n.kind === 'money' ? grounding.money : n.kind === 'percent' ? grounding.percent : grounding.any;
    if (!n.readings.some((r) => allowed.has(r))) problems.push(n.kind === 'percent' ? `${n.text}%` : n.text);
  }
  for (const m of reply.matchAll(PROMISES)) {
    if (!grounding.promises.has(m[0].toLowerCase())) problems.push(m[0]);
  }
  return problems;
}

/**
 * Passes streamed text on only once it is checked: the last two words are held back, since a number
 * may still be growing or be followed by "%". `push` returns false once the text has gone ungrounded.
 */
export function createStreamGuard(grounding: Grounding, emit: (text: string) => void) {
  let text = '';
  let emitted = 0;
  let problems: string[] = [];
  const release = (upTo: number) => {
    if (upTo <= emitted) return true;
    problems = ungrounded(text.slice(0, upTo), grounding);
    if (problems.length > 0) return false;
    emit(text.slice(emitted, upTo));
    emitted = upTo;
    return true;
  };
  return {
    push(delta: string): boolean {
      text += delta;
      const boundaries = [...text.matchAll(/\s+/g)].map((m) => m.index);
      const upTo = boundaries.length >= 2 ? (boundaries.at(-2) ?? 0) : 0;
      return release(upTo);
    },
    /** Checks the whole text; releases the rest when it is grounded. */
    finish(): boolean {
      problems = ungrounded(text, grounding);
      return problems.length === 0 && release(text.length);
    },
    problems: () => problems,
  };
}
