import { describe, expect, it } from 'vitest';
import type { Understanding } from '../nlu/port.js';
import { readRequests, requestsIn } from './requests.js';

describe('the requests a message makes', () => {
  it.each([
    [
      'add it to my cart and how many points would i get',
      ['add it to my cart', 'how many points would i get'],
    ],
    ["cancel ORD-1 and what's your return policy", ['cancel ORD-1', "what's your return policy"]],
    ['track my order and also do you have hoodies in M', ['track my order', 'do you have hoodies in M']],
    [
      'put it in my basket, also how many points do I have?',
      ['put it in my basket', 'how many points do I have?'],
    ],
    [
      'whats express cost? can I pick up in oakland instead',
      ['whats express cost?', 'can I pick up in oakland instead'],
    ],
    ['add it to my bag & whats my points balance', ['add it to my bag', 'whats my points balance']],
  ])('parts a message at the start of another request: %s', (message, parts) => {
    expect(requestsIn(message)).toEqual(parts);
  });

  it.each([
    'show me black and white sneakers',
    'do you have hoodies and t-shirts',
    'I want the hoodie in black and size M',
    'how do I return these boots? they are too small',
    '12 Market St, San Francisco, CA 94103',
  ])('leaves one request whole: %s', (message) => {
    expect(requestsIn(message)).toEqual([message]);
  });

  /** An understanding that reads each part as the table says. */
  const reading =
    (table: Record<string, [string, number]>) =>
    async (text: string): Promise<Understanding> => {
      const [intent, confidence] = table[text] ?? ['general_chat', 0.2];
      return { intent, confidence, entities: {}, source: 'test' };
    };

  it('reads each part, and takes them as requests only when every part is surely a different one', async () => {
    const two = await readRequests(
      'add it to my cart and how many points would i get',
      reading({
        'add it to my cart': ['add_to_cart', 0.95],
        'how many points would i get': ['loyalty', 0.9],
      }),
      0.7,
    );
    expect(two.requests?.map((r) => [r.text, r.understood?.intent])).toEqual([
      ['add it to my cart', 'add_to_cart'],
      ['how many points would i get', 'loyalty'],
    ]);
    // An unsure part, or the same request twice: the message is read whole.
    const unsure = await readRequests(
      'add it to my cart and how about it',
      reading({ 'add it to my cart': ['add_to_cart', 0.95], 'how about it': ['loyalty', 0.5] }),
      0.7,
    );
    expect(unsure.requests).toBeNull();
    const same = await readRequests(
      'where is my order and when will it arrive',
      reading({ 'where is my order': ['order_status', 0.99], 'when will it arrive': ['order_status', 0.9] }),
      0.7,
    );
    expect(same.requests).toBeNull();
  });

  it('leaves small talk beside one request, and a request for a person, to the whole message', async () => {
    const hi = await readRequests(
      'hi! show me hoodies',
      reading({ 'hi!': ['greeting', 0.99], 'show me hoodies': ['browse', 0.99] }),
      0.7,
    );
    expect(hi.requests).toBeNull();
    const person = await readRequests(
      'my parcel arrived damaged and I want to speak to a human',
      reading({
        'my parcel arrived damaged': ['complaint', 0.9],
        'I want to speak to a human': ['human_agent', 0.99],
      }),
      0.7,
    );
    expect(person.requests).toBeNull();
  });
});
