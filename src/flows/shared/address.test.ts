import { describe, expect, it } from 'vitest';
import { parseAddress } from './address.js';

const OAK = { line1: '12 Oak St', city: 'Oakland', region: 'CA', postal_code: '94607' };

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
    // A unit in the street's part, a direction before or after the street.
    [
      '12 Oak St Apt 4, Oakland, CA 94607',
      { line1: '12 Oak St, Apt 4', city: 'Oakland', region: 'CA', postal_code: '94607' },
    ],
    [
      '45 W 34th St, New York, NY 10001',
      { line1: '45 W 34th St', city: 'New York', region: 'NY', postal_code: '10001' },
    ],
    [
      '200 N Main St Suite 5, Springfield, IL 62701',
      { line1: '200 N Main St, Suite 5', city: 'Springfield', region: 'IL', postal_code: '62701' },
    ],
    [
      '1600 Pennsylvania Ave NW, Washington, DC 20500',
      { line1: '1600 Pennsylvania Ave NW', city: 'Washington', region: 'DC', postal_code: '20500' },
    ],
    [
      '500 Main St SE, Springfield, IL 62701',
      { line1: '500 Main St SE', city: 'Springfield', region: 'IL', postal_code: '62701' },
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

  it.each([
    ['change the address of my order to 12 Oak St, Oakland, CA 94607', OAK],
    ['can you change my order address to 12 Oak St, Oakland, CA 94607?', OAK],
    ['update the shipping address on my order: 12 Oak St, Oakland, CA 94607.', OAK],
    ['please change it to 12 Oak St, Oakland, CA 94607 thanks', OAK],
    ['it should go to 12 Oak St, Oakland CA 94607 instead', OAK],
    ['my new address is 12 Oak St, Oakland, CA 94607', OAK],
    ['send ORD-5A3F0201 to 12 Oak St, Oakland, CA 94607 please', OAK],
    ['deliver to 12 Oak St in Oakland, CA 94607', OAK],
    ['can you deliver it to 12 Oak St, Oakland, CA 94607 instead of pickup', OAK],
    ['send it to 12 Oak St, Oakland CA 94607 rather than my home', OAK],
    ['12 Oak St, Oakland, California 94607', OAK],
    ['12 Oak St, Oakland, California, 94607', OAK],
    ['12 Oak St Oakland California 94607', OAK],
    ['12 Oak St., Oakland, CA, 94607', { ...OAK, line1: '12 Oak St.' }],
    ['1 Broadway, Oakland, Ca 94607', { ...OAK, line1: '1 Broadway' }],
    [
      '12 oak st, oakland, ca 94607',
      { line1: '12 oak st', city: 'oakland', region: 'CA', postal_code: '94607' },
    ],
    ['12 Oak St Apt 4 Oakland CA 94607', { ...OAK, line1: '12 Oak St, Apt 4' }],
    ['12 Oak St, Oakland CA 94607, USA', { ...OAK, country: 'USA' }],
    [
      '1600 Pennsylvania Ave, Washington, DC 20500',
      { line1: '1600 Pennsylvania Ave', city: 'Washington', region: 'DC', postal_code: '20500' },
    ],
    ['350 5th Ave, New York 10118', { line1: '350 5th Ave', city: 'New York', postal_code: '10118' }],
    [
      '18 Elm Rd, Albany, New York 12207',
      { line1: '18 Elm Rd', city: 'Albany', region: 'NY', postal_code: '12207' },
    ],
  ])('finds the whole address, state included, in %s', (text, address) => {
    expect(parseAddress(text).address).toEqual(address);
  });

  it('keeps a state given without a ZIP, and asks only for the ZIP', () => {
    expect(parseAddress('12 Oak St, Oakland CA')).toEqual({
      address: { line1: '12 Oak St', city: 'Oakland', region: 'CA' },
      missing: ['postal_code'],
    });
  });

  it('takes no town from the words of a request or a bare yes', () => {
    for (const text of ['update my address', 'yes please', 'ok sure', 'change it'])
      expect(parseAddress(text).address.city).toBeUndefined();
  });

  it('takes no street from a cart request', () => {
    expect(parseAddress('add 2 more of them').address.line1).toBeUndefined();
    expect(parseAddress('make that 3 please').address.line1).toBeUndefined();
  });
});
