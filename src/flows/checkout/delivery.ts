import { EMAIL } from '../shared/address.js';

// Addresses are read one way everywhere (shared/address.ts); checkout's replies and handler name them here.
export {
  ADDRESS_FIELDS,
  type AddressField,
  addressLine,
  isCompleteAddress,
  parseAddress,
} from '../shared/address.js';

const PHONE = /(?:\+|\b)\d[\d\s().-]{6,}\d\b/;
const POSTCODE_ONLY = /^\d{3}-\d{4}$|^\d{5}-\d{4}$/;

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
