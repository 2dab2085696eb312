import type { FulfilmentHint, ProductReference } from '../port.js';
import { COLORS, COLOR_SYNONYMS } from '../../domain/catalogue.js';

/**
 * Numbers, references and phrasings the classifier can't see: price ranges, quantities, points, ordinals,
 * letter sizes. Each extractor also reports the spans it consumed, so later ones don't read the same digits.
 */

const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  two: 2,
  couple: 2,
  pair: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  dozen: 12,
};

const ORDINALS: Record<string, number> = {
  first: 0,
  '1st': 0,
  second: 1,
  '2nd': 1,
  third: 2,
  '3rd': 2,
  fourth: 3,
  '4th': 3,
  fifth: 4,
  '5th': 4,
  sixth: 5,
  '6th': 5,
  seventh: 6,
  '7th': 6,
  eighth: 7,
  '8th': 7,
  ninth: 8,
  '9th': 8,
  tenth: 9,
  '10th': 9,
};

/** Colour words, longest first, for a letter size written beside one. */
const COLOR_WORDS = [...new Set([...COLORS, ...Object.values(COLOR_SYNONYMS).flat()])]
  .sort((a, b) => b.length - a.length)
  .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

export interface NumericEntities {
  price_min?: number;
  price_max?: number;
  quantity?: number;
  points?: number;
  size?: string;
  reference?: ProductReference;
  fulfilment?: FulfilmentHint;
  price_direction?: 'lower' | 'higher';
}

const AMOUNT = String.raw`\$?\s?(\d[\d,]*(?:\.\d{1,2})?)\s?(k\b)?(?:\s?(?:dollars?|bucks|usd))?`;
const amount = (digits: string | undefined, k: string | undefined): number => {
  const value = Number((digits ?? '').replace(/,/g, ''));
  return k ? value * 1000 : value;
};

/** Blanks out a matched span so later patterns don't read it again. */
function consume(text: string, match: RegExpExecArray): string {
  return text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length);
}

export function extractNumeric(original: string): { entities: NumericEntities; rest: string } {
  let text = original.toLowerCase();
  const entities: NumericEntities = {};
  let m: RegExpExecArray | null;

  if ((m = /\b(?:p\d+|[a-z]{2,}\d{2,}[a-z0-9-]*)\b/i.exec(original)) && /\d/.test(m[0])) {
    entities.reference = { kind: 'id', product_id: m[0].toUpperCase() };
    text = consume(text, m);
  }

  if (
    (m = new RegExp(String.raw`\bbetween\s+${AMOUNT}\s+(?:and|to|-)\s+${AMOUNT}`).exec(text)) ||
    ((m = new RegExp(String.raw`(?:^|\s)${AMOUNT}\s?(?:-|to)\s?${AMOUNT}`).exec(text)) &&
      /\$|dollar|buck|k\b/.test(m[0])) ||
    (m = new RegExp(String.raw`\bfrom\s+${AMOUNT}\s+(?:to|-)\s+${AMOUNT}`).exec(text))
  ) {
    const a = amount(m[1], m[2]);
    const b = amount(m[3], m[4]);
    entities.price_min = Math.min(a, b);
    entities.price_max = Math.max(a, b);
    text = consume(text, m);
  } else if (
    (m = new RegExp(
      String.raw`\b(?:under|below|less than|cheaper than|max(?:imum)?|up to|no more than|at most|within|budget(?: of| is)?)\s+${AMOUNT}`,
    ).exec(text))
  ) {
    entities.price_max = amount(m[1], m[2]);
    text = consume(text, m);
  } else if (
    (m = new RegExp(
      String.raw`\b(?:over|above|more than|at least|min(?:imum)?|starting at|from)\s+${AMOUNT}`,
    ).exec(text)) &&
    /\$|dollar|buck|k\b|\d{3,}/.test(m[0])
  ) {
    entities.price_min = amount(m[1], m[2]);
    text = consume(text, m);
  } else if (
    (m = new RegExp(
      String.raw`(?:\b(?:around|about|roughly|approximately|approx|close to|near|for about)\s+|~\s?)${AMOUNT}`,
    ).exec(text)) ||
    (m =
      /\$\s?(\d[\d,]*(?:\.\d{1,2})?)(k\b)?|\b(\d{1,3})(k)\b|\b(\d[\d,]*(?:\.\d{1,2})?)\s?(k\b)?\s?(?:dollars?|bucks|usd)\b/.exec(
        text,
      ))
  ) {
    const value =
      m[1] !== undefined ? amount(m[1], m[2]) : m[3] !== undefined ? amount(m[3], m[4]) : amount(m[5], m[6]);
    // "Around $800" means a band either side; 15 % keeps it tight enough to stay on budget.
    entities.price_min = Math.round(value * 0.85);
    entities.price_max = Math.round(value * 1.15);
    text = consume(text, m);
  }

  if ((m = /\b(\d[\d,]*)\s*(?:loyalty\s+)?(?:points?|pts?)\b/.exec(text))) {
    entities.points = amount(m[1], undefined);
    text = consume(text, m);
  }

  if (
    (m = /^\s*(xs|s|m|l|xl|xxl)\s*[.!?]*\s*$/.exec(text)) ||
    (m = /\bsize\s+(?:to\s+(?:an?\s+)?)?(xxs|xs|s|m|l|xl|xxl|2xl|\d{1,2}(?:\.5)?)\b/.exec(text)) ||
    (m =
      /\b(?:to|for)\s+(?:an?\s+)?(xs|s|m|l|xl|xxl)\s*(?:,?\s*(?:pls|plz|please|thanks|thx))?\s*[.!?]*\s*$/.exec(
        text,
      )) ||
    (m = /\bin\s+(?:a\s+|an\s+)?(xs|s|m|l|xl|xxl)\b/.exec(text)) ||
    (m = /\b(xs|s|m|l|xl|xxl)\s+size\b/.exec(text)) ||
    // Beside a colour: "black M", "in navy L", "navy, L", "M in navy", "L / navy".
    (m = new RegExp(String.raw`\b(?:${COLOR_WORDS})\s*[,/]?\s+(xs|s|m|l|xl|xxl)\b`).exec(text)) ||
    (m = new RegExp(String.raw`(?:^|\s)(xs|s|m|l|xl|xxl)\s*[,/]?\s+(?:in\s+)?(?:${COLOR_WORDS})\b`).exec(
      text,
    ))
  ) {
    entities.size = (m[1] ?? '').toUpperCase().replace('2XL', 'XXL');
    text = consume(text, m);
  }

  if ((m = /\b(?:number|no\.?|item|option|#)\s?(\d{1,2})\b/.exec(text))) {
    entities.reference = { kind: 'ordinal', index: Number(m[1]) - 1 };
    text = consume(text, m);
  } else if ((m = new RegExp(String.raw`\b(${Object.keys(ORDINALS).join('|')})\b`).exec(text))) {
    entities.reference = { kind: 'ordinal', index: ORDINALS[m[1] ?? ''] ?? 0 };
    text = consume(text, m);
  } else if ((m = /\b(?:the\s+)?(?:last|latest)\s+(?:one|item|thing)\b/.exec(text))) {
    entities.reference = { kind: 'last' };
    text = consume(text, m);
  } else if (!entities.reference && /\b(it|that|this|those|them|these|that one|this one)\b/.test(text)) {
    entities.reference = { kind: 'pronoun' };
  }

  // Quantities keep their sign and fraction ("-5", "1.5", "half"), so the cart can refuse them rather than
  // quietly reading "add -5" as 5; how large a line may be is the cart's rule, not the parser's.
  const N = String.raw`(-?\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|half)`;
  if (
    (m = new RegExp(String.raw`\b(?:qty|quantity|amount)(?:\s+(?:to|of|at|is))?\s+${N}(?![\w.])`).exec(
      text,
    )) ||
    (m = new RegExp(
      String.raw`\b(?:make|set|change|update|increase|reduce|decrease|bump|lower)\b[^.\d-]*?\b(?:to|it|that|this|them|those)\s+(?:to\s+)?${N}(?![\w.])`,
    ).exec(text)) ||
    (m = new RegExp(String.raw`\b(?:just|only)\s+${N}(?![\w.])`).exec(text)) ||
    (m = new RegExp(String.raw`\b(?:remove|take out|take off|drop|delete|minus)\s+${N}(?![\w.])`).exec(
      text,
    )) ||
    (m = /(?:^|\s)(-?\d+(?:\.\d+)?)\s*(?:x\b|of\b|units?\b|pcs\b|pieces?\b|pairs?\b|more\b)/.exec(text)) ||
    (m =
      /\b(one|two|three|four|five|six|seven|eight|nine|ten|couple|pair|dozen)\s+(?:of|more|units?|pieces?|pairs?)\b/.exec(
        text,
      )) ||
    (m =
      /\b(?:add|get|want|take|buy|need|order|have|grab)\s+(?:me\s+)?(-?\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|half)(?![\w.])/.exec(
        text,
      )) ||
    (m = /\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:instead|not|please)\b/.exec(text)) ||
    (m = /^\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text))
  ) {
    const raw = m[1] ?? '';
    entities.quantity = raw === 'half' ? 0.5 : (WORD_NUMBERS[raw] ?? Number(raw));
    text = consume(text, m);
  } else if (/\b(?:another|one more)\b/.test(text)) {
    entities.quantity = 1;
  }

  if (
    /\b(?:cheaper|less expensive|more affordable|lower price|too expensive|too pricey|budget)\b/.test(text)
  ) {
    entities.price_direction = 'lower';
  } else if (
    /\b(?:more expensive|pricier|premium|higher[- ]end|fancier|better quality|top of the range)\b/.test(text)
  ) {
    entities.price_direction = 'higher';
  }

  if (/\b(?:same[- ]day|today|tonight|asap|right away)\b/.test(text)) entities.fulfilment = 'same_day';
  else if (
    /\b(?:pick\s?up|pickup|pick (?:it|them|this|that) up|collect|in[- ]store|in person|click and collect)\b/.test(
      text,
    )
  )
    entities.fulfilment = 'pickup';
  else if (/\b(?:ship|shipping|deliver|delivery|send it|post it|mail it)\b/.test(text))
    entities.fulfilment = 'ship';

  return { entities, rest: text };
}
