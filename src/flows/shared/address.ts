import type { Address } from '../../domain/types.js';
import { US_STATES, usState } from './us-states.js';

/*
 * Reading a delivery address out of what a customer typed, the one way every flow does it: an answer to
 * "where should it go?" and the same address typed inside a request ("change the address of my order to
 * ...", "checkout and ship to ...") give the same fields. Hand-written because no npm parser fits (measured
 * 2026-12: parse-address, @sroussey/parse-address, addresser, addressit): they read complete US addresses
 * only, drop the town of a partial one that the flows must ask the rest of, turn "Hauptstraße 5" or
 * "221 Baker Street, London NW1 6XE" into nonsense, and addresser throws on a trailing "?".
 */

/** The fields a parcel needs, in the words a reply names them. */
export const ADDRESS_FIELDS = {
  line1: 'street and number',
  city: 'town or city',
  postal_code: 'postcode',
} as const;
export type AddressField = keyof typeof ADDRESS_FIELDS;

export const EMAIL = /[^\s@,;<>]+@[^\s@,;<>]+\.[a-z]{2,}/i;
const ORDER_ID = /\bORD-[A-Z0-9-]+\b/gi;

const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|\d{3}-\d{4}|\d{5}(?:-\d{4})?|\d{4})\b/i;
const US_ZIP = /\b\d{5}(?:-\d{4})?\b/;
const STREET_FIRST =
  /^\d+[a-z]?(?:-\d+)*\s+(?:(?:n|s|e|w|ne|nw|se|sw)\.?\s+)?(?:\d+(?:st|nd|rd|th)\s+)?\p{L}{2,}[\p{L}\s.'-]*$/iu; // 12 Market St, 350 5th Ave, 1-2-3 Jingumae
// Hauptstraße 5, Friedrichstr. 123, Keizersgracht 12: a street word, then the number.
const STREET_LAST =
  /^\p{L}[\p{L}\s.'-]*(?:stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm|laan|straat|gracht|street|road|avenue|lane|way|drive)\s+\d+[a-z]?$/iu;
const UNIT_WORD = String.raw`(?:flat|apt\.?|apartment|unit|suite|ste\.?|#)`;
const UNIT = new RegExp(String.raw`^${UNIT_WORD}\s*\w+`, 'i');
// "45 Valencia St San Francisco 94110", "12 Oak St Apt 4 Oakland CA": the street ends at its street word,
// then an apartment or suite, then the town.
// The street, up to its street word and a direction after it ("Pennsylvania Ave NW").
const STREET_PART = String.raw`\d+[a-z]?\s+[\p{L}\d\s.'-]*?\b(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|pl|place|ct|court|ter|terrace|pkwy|parkway|hwy|highway)\.?(?:\s+(?:n|s|e|w|ne|nw|se|sw)\b\.?)?`;
const STREET_THEN_TOWN = new RegExp(
  String.raw`^(${STREET_PART})(?:\s+(${UNIT_WORD}\s*\w+))?\s+(?!(?:n|s|e|w|ne|nw|se|sw)\.?(?:\s+\d{5}(?:-\d{4})?)?$)(\p{L}[\p{L}\s.'-]*(?:\s+\d{5}(?:-\d{4})?)?)$`,
  'iu',
);
// "12 Oak St Apt 4": the street and its flat in one part.
const STREET_THEN_UNIT = new RegExp(String.raw`^(${STREET_PART})\s+(${UNIT_WORD}\s*\w+)$`, 'iu');
const POSTCODE_CITY = /^(\d{4,5})\s+(\p{L}[\p{L}\s.'-]*)$/u; // 10115 Berlin, 75001 Paris
const COUNTRIES =
  /^(usa|us|united states|uk|united kingdom|gb|germany|deutschland|france|japan|canada|spain|italy|netherlands|ireland|australia)$/i;
const TOWN = /^\p{L}[\p{L}\s.'-]*$/u;
/** Words of a request, never of a town: "change my address" is no town. */
const NOT_A_TOWN =
  /\b(?:order|address|my|your|it|is|to|please|pls|change|update|ship|shipping|send|deliver|checkout|express|want|need|can|could|you|i|what|about|one|yes|yeah|yep|ok|okay|sure|no|nope|thanks)\b/i;

// Where the address starts in a longer message: after "to", "is", "at" or ":" followed by a number or a
// flat ("send ORD-1 to 9 Elm Road", "the address is 12 Oak St", "new address: 5 Baker Street") ...
const LEAD_AT_NUMBER = new RegExp(
  String.raw`\b(?:to|is|at|be)\s*:?\s+(?=\d|${UNIT_WORD}\s*\w)|:\s*(?=\d|${UNIT_WORD}\s*\w)`,
  'i',
);
// ... or after "ship to", "address is" when the street comes first ("deliver to Hauptstraße 5, Berlin").
const LEAD_WORDS =
  /\b(?:ship(?:ping)?|send|deliver(?:y)?|post|check\s?out)(?:\s+it)?\s+to\s*:?|\baddress\s+(?:is|to)\s*:?|\bnew\s+address\s*:/i;
const FILLER = /(?:[\s,;]+(?:instead|please|pls|plz|thanks|thank you|thx|ty|now|asap))+\s*$/i;

/** The part of a message that is the address: after its lead words, without order ids, emails, fillers. */
function addressText(message: string): string {
  const plain = message.replace(ORDER_ID, ' ').replace(EMAIL, ' ');
  const lead = LEAD_AT_NUMBER.exec(plain) ?? LEAD_WORDS.exec(plain);
  const text = lead ? plain.slice(lead.index + lead[0].length) : plain;
  // A sentence's end is not part of its last field: "..., CA 94607?" keeps the state.
  return text
    .replace(/[\s,;]+(?:instead of|rather than|not)\s+(?:the\s+|my\s+)?[\p{L}\s-]+[?!.]*$/iu, '')
    .replace(/[\s?!.]+$/u, '')
    .replace(FILLER, '');
}

/** "CA", "ca" or "California" after a town or before a ZIP: the state, as its two-letter code. */
function regionOf(word: string, zip: boolean): string | null {
  const state = usState(word);
  if (state && (zip || word.length > 2 || word === word.toUpperCase())) return state;
  return /^[A-Z]{2}$/.test(word) ? word : null; // another country's region code, as typed
}

/** "Oakland CA", "Oakland, California", "Berkeley ca 94704": a town followed by its state. */
function townAndRegion(text: string, zip: boolean): { city: string; region: string } | null {
  for (const name of [...US_STATES.keys()].filter((n) => n.includes(' ')).concat([''])) {
    // State names of two words first ("San Francisco New York" is no address, "Albany New York" is).
    const m = name
      ? new RegExp(`^(\\p{L}[\\p{L}\\s.'-]*?)\\s+(${name})$`, 'iu').exec(text)
      : /^(\p{L}[\p{L}\s.'-]*?)\s+(\p{L}+)$/u.exec(text);
    const region = m ? regionOf(m[2]!, zip) : null;
    if (m && region && TOWN.test(m[1]!)) return { city: m[1]!.trim(), region };
  }
  return null;
}

const townOf = (part: string): string | null => {
  const town = part.replace(/^(?:in|and)\s+/i, '').trim();
  return TOWN.test(town) && town.split(/\s+/).length <= 4 && !NOT_A_TOWN.test(town) ? town : null;
};

/**
 * Reads an address from a message: "12 Market St, San Francisco, CA 94103", "Flat 2, 5 Baker Street, London
 * NW1 6XE", "Hauptstraße 5, 10115 Berlin", alone or after "ship to", "change the address to", "address:".
 * Returns the fields it found and the required ones still missing; it never guesses a field, and words
 * that are not an address (a cart request) give none.
 */
export function parseAddress(message: string): { address: Partial<Address>; missing: AddressField[] } {
  const text = addressText(message);
  const zip = US_ZIP.test(text);
  const parts = text
    .split(/[,\n;]+/)
    .map((p) =>
      p
        .trim()
        .replace(/[?!]+$/, '')
        .replace(FILLER, '')
        .trim(),
    )
    .flatMap((p) => {
      const unit = STREET_THEN_UNIT.exec(p);
      if (unit) return [unit[1]!, unit[2]!];
      const joined = STREET_THEN_TOWN.exec(p);
      return joined ? [joined[1]!, ...(joined[2] ? [joined[2]] : []), joined[3]!] : [p];
    })
    .filter(Boolean);
  const address: Partial<Address> = {};
  const streets = parts.filter((p) => !UNIT.test(p) && (STREET_FIRST.test(p) || STREET_LAST.test(p)));
  // "10115 Berlin" looks like "1955 Broadway": with another street given, it is a postcode and a city.
  const street = streets.find((p) => !POSTCODE_CITY.test(p)) ?? streets[0];
  if (street) {
    const at = parts.indexOf(street);
    const units = [parts[at - 1], parts[at + 1]].filter((p): p is string => p !== undefined && UNIT.test(p));
    address.line1 = [
      ...(units[0] === parts[at - 1] ? units.slice(0, 1) : []),
      street,
      ...units.filter((u) => u === parts[at + 1]),
    ].join(', ');
    for (const used of [street, ...units]) parts.splice(parts.indexOf(used), 1);
  }
  // A state named where a town could be ("12 Oak St, Oakland, California 94607") is read after the towns.
  let stateAsTown: string | undefined;
  // Before a postcode, a town counts when no part of its own names one: "..., Oakland, CA 94607 asap".
  let townBeforeCode: string | undefined;
  for (const part of [...parts]) {
    const pc = POSTCODE_CITY.exec(part);
    if (pc && !address.postal_code) {
      address.postal_code = pc[1]!;
      address.city ??= pc[2]!.trim();
      parts.splice(parts.indexOf(part), 1);
      continue;
    }
    const code = POSTCODE.exec(part);
    if (code && !address.postal_code) {
      address.postal_code = code[1]!.toUpperCase();
      const rest = part.replace(POSTCODE, '').trim();
      const both = townAndRegion(rest, zip);
      const region = regionOf(rest, zip);
      if (region) {
        address.region = region; // CA 94103, California 94607
        if (rest.length > 2) stateAsTown = rest;
      } else if (both) {
        address.city ??= both.city; // Berkeley CA 94704
        address.region ??= both.region;
      } else if (townOf(rest)) townBeforeCode = townOf(rest)!; // London NW1 6XE
      parts.splice(parts.indexOf(part), 1);
    }
  }
  for (const part of parts) {
    const both = townAndRegion(part, zip);
    const region = regionOf(part, zip);
    if (COUNTRIES.test(part)) address.country ??= part;
    else if (region && (part.length <= 2 || address.city)) address.region ??= region;
    else if (both && !address.city) {
      address.city = both.city;
      address.region ??= both.region;
    } else if (townOf(part)) address.city ??= townOf(part)!;
  }
  address.city ??= townBeforeCode;
  // "5th Ave, New York 10118": a state's name that is also its big city's is the town when none other is.
  if (!address.city && stateAsTown && /^(?:new york|washington)$/i.test(stateAsTown)) {
    address.city = stateAsTown;
    delete address.region;
  }
  const missing = (Object.keys(ADDRESS_FIELDS) as AddressField[]).filter((f) => !address[f]);
  return { address, missing };
}

export const isCompleteAddress = (a: Partial<Address>): a is Address =>
  Boolean(a.line1 && a.city && a.postal_code);

export const addressLine = (a: Address): string =>
  [a.line1, a.city, [a.region, a.postal_code].filter(Boolean).join(' '), a.country]
    .filter(Boolean)
    .join(', ');
