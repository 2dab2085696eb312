import type { Address } from '../../domain/types.js';

/** The fields a parcel needs, in the words a reply names them. */
export const ADDRESS_FIELDS = {
  line1: 'street and number',
  city: 'town or city',
  postal_code: 'postcode',
} as const;
export type AddressField = keyof typeof ADDRESS_FIELDS;

const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|\d{3}-\d{4}|\d{5}(?:-\d{4})?|\d{4})\b/i;
const EMAIL = /[^\s@,;<>]+@[^\s@,;<>]+\.[a-z]{2,}/i;
const PHONE = /(?:\+|\b)\d[\d\s().-]{6,}\d\b/;

const STREET_FIRST = /^\d+[a-z]?(?:-\d+)*\s+(?:\d+(?:st|nd|rd|th)\s+)?\p{L}{2,}[\p{L}\s.'-]*$/iu; // 12 Market St, 350 5th Ave, 1-2-3 Jingumae
// Hauptstraße 5, Friedrichstr. 123, Keizersgracht 12: a street word, then the number.
const STREET_LAST =
  /^\p{L}[\p{L}\s.'-]*(?:stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm|laan|straat|gracht|street|road|avenue|lane|way|drive)\s+\d+[a-z]?$/iu;
const STREET_THEN_TOWN =
  /^(\d+[a-z]?\s+[\p{L}\d\s.'-]*?\b(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|pl|place|ct|court)\.?)\s+(\p{L}[\p{L}\s.'-]*(?:\s+[A-Z]{2})?(?:\s+\d{5}(?:-\d{4})?)?)$/iu;
const POSTCODE_CITY = /^(\d{4,5})\s+(\p{L}[\p{L}\s.'-]*)$/u; // 10115 Berlin, 75001 Paris
const UNIT = /^(?:flat|apt\.?|apartment|unit|suite|ste\.?|#)\s*\w+/i;
const COUNTRIES =
  /^(usa|us|united states|uk|united kingdom|gb|germany|deutschland|france|japan|canada|spain|italy|netherlands|ireland|australia)$/i;

/**
 * Reads a typed address: "12 Market St, San Francisco, CA 94103", "Flat 2, 5 Baker Street, London NW1 6XE",
 * "Hauptstraße 5, 10115 Berlin". Returns the fields it found and the required ones still missing; it
 * never guesses a field, and words that are not an address (a cart request) give none.
 */
export function parseAddress(text: string): { address: Partial<Address>; missing: AddressField[] } {
  // "checkout, ship to 1 Main St, ..." - the address is what follows "ship to" or "address is".
  const lead =
    /\b(?:ship(?:ping)?|send|deliver(?:y)?|post|check\s?out)(?:\s+it)?\s+to\s*:?|\baddress\s+(?:is|to)\s*:?|\bnew\s+address\s*:/i.exec(
      text,
    );
  const cleaned = (lead ? text.slice(lead.index + lead[0].length) : text).replace(EMAIL, ' ');
  const parts = cleaned
    .split(/[,\n;]+/)
    .map((p) => p.trim().replace(/(?:\s+(?:instead|please|pls|plz|thanks|thx|ty))+\s*[.!]*$/i, ''))
    // "45 Valencia St San Francisco 94110", typed without commas: the street ends at its street word.
    .flatMap((p) => {
      const joined = STREET_THEN_TOWN.exec(p);
      return joined ? [joined[1]!, joined[2]!] : [p];
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
      const cityRegion = /^(\p{L}[\p{L}\s.'-]*?)\s+([A-Z]{2})$/u.exec(rest);
      if (/^[A-Z]{2}$/.test(rest))
        address.region = rest; // CA 94103
      else if (cityRegion) {
        address.city ??= cityRegion[1]!; // Berkeley CA 94704
        address.region ??= cityRegion[2]!;
      } else if (/^\p{L}[\p{L}\s.'-]*$/u.test(rest)) address.city ??= rest; // London NW1 6XE
      parts.splice(parts.indexOf(part), 1);
    }
  }
  for (const part of parts) {
    if (COUNTRIES.test(part)) address.country ??= part;
    else if (/^[A-Z]{2}$/.test(part)) address.region ??= part;
    else if (/^\p{L}[\p{L}\s.'-]*$/u.test(part) && part.split(/\s+/).length <= 4) address.city ??= part;
  }
  const missing = (Object.keys(ADDRESS_FIELDS) as AddressField[]).filter((f) => !address[f]);
  return { address, missing };
}

export const isCompleteAddress = (a: Partial<Address>): a is Address =>
  Boolean(a.line1 && a.city && a.postal_code);

/**
 * An email, or - only when a contact was asked for - a phone number, given for order updates. A phone
 * needs at least 7 digits and never comes out of an address ("95014-2083" is a postcode).
 */
export function contactIn(text: string, phoneAsked = false): string | null {
  const email = EMAIL.exec(text)?.[0];
  if (email) return email;
  if (!phoneAsked) return null;
  const phone = PHONE.exec(text)?.[0]?.trim();
  return phone && phone.replace(/\D/g, '').length >= 7 && !POSTCODE_ONLY.test(phone) ? phone : null;
}

const POSTCODE_ONLY = /^\d{3}-\d{4}$|^\d{5}-\d{4}$/;

export const addressLine = (a: Address): string =>
  [a.line1, a.city, [a.region, a.postal_code].filter(Boolean).join(' '), a.country]
    .filter(Boolean)
    .join(', ');
