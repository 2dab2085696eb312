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

/**
 * Reads a typed address: "12 Market St, San Francisco, CA 94103" or "Flat 2, 5 Baker Street, London NW1 6XE".
 * Returns the fields it found and the required ones still missing; it never guesses a field.
 */
export function parseAddress(text: string): { address: Partial<Address>; missing: AddressField[] } {
  // "checkout, ship to 1 Main St, ..." - the address is what follows "ship to" or "address is".
  const lead = /\b(?:ship(?:ping)?|send|deliver(?:y)?|post)(?:\s+it)?\s+to\s*:?|\baddress\s+is\s*:?/i.exec(
    text,
  );
  const cleaned = (lead ? text.slice(lead.index + lead[0].length) : text).replace(EMAIL, ' ');
  const parts = cleaned
    .split(/[,\n;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const address: Partial<Address> = {};
  const postcodeAt = parts.findIndex((p) => POSTCODE.test(p) && !/^\d+\s+\p{L}/u.test(p));
  if (postcodeAt >= 0) {
    const part = parts[postcodeAt]!;
    address.postal_code = POSTCODE.exec(part)![1]!.toUpperCase();
    const rest = part.replace(POSTCODE, '').trim();
    if (rest) {
      // "CA 94103" is a region; "London NW1 6XE" names the city.
      if (/^[A-Z]{2}$/.test(rest)) address.region = rest;
      else if (/^\p{L}[\p{L}\s.'-]*$/u.test(rest)) address.city = rest;
    }
    parts.splice(postcodeAt, 1);
  }
  const numbered = parts.findIndex((p) => /^\d+[a-z]?\s+\p{L}{2,}/iu.test(p));
  const street = numbered >= 0 ? numbered : parts.findIndex((p) => /\d/.test(p) && /\p{L}{2,}/u.test(p));
  if (street >= 0) {
    // "Flat 2, 5 Baker Street": a flat or unit before the street stays on the same line.
    const before = street > 0 && /^(flat|apt|apartment|unit|suite)\b/i.test(parts[street - 1]!) ? 1 : 0;
    address.line1 = parts.splice(street - before, 1 + before).join(', ');
  }
  const town = parts.find((p) => /^\p{L}[\p{L}\s.'-]+$/u.test(p) && !/^[A-Z]{2}$/.test(p));
  if (town && !address.city) address.city = town;
  const missing = (Object.keys(ADDRESS_FIELDS) as AddressField[]).filter((f) => !address[f]);
  return { address, missing };
}

export const isCompleteAddress = (a: Partial<Address>): a is Address =>
  Boolean(a.line1 && a.city && a.postal_code);

/** An email or phone number given for order updates. */
export function contactIn(text: string): string | null {
  return EMAIL.exec(text)?.[0] ?? PHONE.exec(text)?.[0]?.trim() ?? null;
}

export const addressLine = (a: Address): string =>
  [a.line1, a.city, [a.region, a.postal_code].filter(Boolean).join(' '), a.country]
    .filter(Boolean)
    .join(', ');
