import { describe, expect, it } from 'vitest';
import { contactIn, parseAddress } from './delivery.js';

describe('reading a typed address', () => {
  it.each([
    [
      '12 Market St, San Francisco, CA 94103',
      { line1: '12 Market St', city: 'San Francisco', region: 'CA', postal_code: '94103' },
    ],
    [
      'Flat 2, 5 Baker Street, London NW1 6XE',
      { line1: 'Flat 2, 5 Baker Street', city: 'London', postal_code: 'NW1 6XE' },
    ],
    ['Hauptstraße 5, 10115 Berlin', { line1: 'Hauptstraße 5', city: 'Berlin', postal_code: '10115' }],
    [
      'Friedrichstr. 123, 10117 Berlin, Germany',
      { line1: 'Friedrichstr. 123', city: 'Berlin', postal_code: '10117', country: 'Germany' },
    ],
    [
      '350 5th Ave, Apt 4B, New York, NY 10118',
      { line1: '350 5th Ave, Apt 4B', city: 'New York', region: 'NY', postal_code: '10118' },
    ],
    [
      'checkout, ship to 1 Main Street, Springfield, 97403',
      { line1: '1 Main Street', city: 'Springfield', postal_code: '97403' },
    ],
    // Typed without commas: the street ends at its street word.
    [
      '45 valencia st san francisco 94110',
      { line1: '45 valencia st', city: 'san francisco', postal_code: '94110' },
    ],
    [
      '45 valencia st san francisco 94110 pls',
      { line1: '45 valencia st', city: 'san francisco', postal_code: '94110' },
    ],
    [
      '45 Valencia St San Francisco CA 94110',
      { line1: '45 Valencia St', city: 'San Francisco', region: 'CA', postal_code: '94110' },
    ],
    [
      '1-2-3 Jingumae, Shibuya, 150-0001',
      { line1: '1-2-3 Jingumae', city: 'Shibuya', postal_code: '150-0001' },
    ],
  ])('reads %s', (text, address) => {
    expect(parseAddress(text)).toEqual({ address, missing: [] });
  });

  it.each([
    ['221B Baker Street', ['city', 'postal_code']],
    ['London', ['line1', 'postal_code']],
    ['NW1 6XE', ['line1', 'city']],
  ])('names what %s leaves out', (text, missing) => {
    expect(parseAddress(text).missing).toEqual(missing);
  });

  it('reads the address after "checkout to" or "ship to" in a longer message', () => {
    expect(parseAddress('checkout to 5 Baker Street, London NW1 6XE').address).toEqual({
      line1: '5 Baker Street',
      city: 'London',
      postal_code: 'NW1 6XE',
    });
  });

  it('takes no street from a cart request', () => {
    expect(parseAddress('add 2 more of them').address.line1).toBeUndefined();
    expect(parseAddress('make that 3 please').address.line1).toBeUndefined();
  });
});

describe('reading a contact', () => {
  it.each([
    ['email me at jo@example.com please', true, 'jo@example.com'],
    ['jo@example.com', false, 'jo@example.com'],
    ['+1 415 555 0100', true, '+1 415 555 0100'],
    ['+1 415 555 0100', false, null],
    ['1 Infinite Loop, Cupertino, CA 95014-2083', true, null],
    ['150-0002', true, null],
    ['yes', true, null],
  ])('reads %s (phone asked: %s) as %s', (text, phoneAsked, contact) => {
    expect(contactIn(text, phoneAsked)).toBe(contact);
  });
});
