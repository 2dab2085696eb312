import { describe, expect, it } from 'vitest';
import { createStreamGuard, groundingOf, numbersIn, ungrounded } from './grounding.js';

const FACTS = `Here are 2 laptops for you:
- UltraBook Pro 14 by Apex - $1,299.99 (in stock)
- AirLite 13 by Nimbus - $899.00 (only 3 left)
As a Gold member you get 10% off: $1,169.99 after the discount.`;

describe('numbers in replies', () => {
  it('reads money, percentages and plain numbers, in English and European formats', () => {
    const found = numbersIn('Total: $1,299.99, or 1.299,99 €, 15 % off, 3 left');
    expect(found.map((n) => [n.text, n.kind])).toEqual([
      ['1,299.99', 'money'],
      ['1.299,99', 'money'],
      ['15', 'percent'],
      ['3', 'plain'],
    ]);
    expect(found[0]?.readings).toContain('1299.99');
    expect(found[1]?.readings).toContain('1299.99');
  });
});

describe('grounding a reply in the facts', () => {
  const grounding = groundingOf(FACTS, 2);

  it('accepts a rephrasing that keeps the facts, in another language too', () => {
    expect(
      ungrounded(
        'Great picks! 1. UltraBook Pro 14 at $1,299.99 - with your 10% Gold discount it is $1,169.99. 2. AirLite 13 for $899.00, only 3 left.',
        grounding,
      ),
    ).toEqual([]);
    expect(
      ungrounded(
        '¡Claro! El UltraBook Pro 14 cuesta 1.299,99 $ y con tu descuento del 10 % queda en 1.169,99 $.',
        grounding,
      ),
    ).toEqual([]);
  });

  it('rejects invented prices, percentages, quantities and promises', () => {
    expect(ungrounded('The UltraBook Pro 14 is $999.99 today.', grounding)).toEqual(['999.99']);
    expect(ungrounded('You get 90% off!', grounding)).toEqual(['90%']);
    expect(ungrounded('We have 40 in stock.', grounding)).toEqual(['40']);
    expect(ungrounded('Shipping is free and I can add a coupon.', grounding)).toEqual(['free', 'coupon']);
    // A number that is in the facts, but not as a percentage, is not a discount the facts give.
    expect(ungrounded('Take 14% off.', grounding)).toEqual(['14%']);
  });

  it('lets a reply number the products it lists, and no further', () => {
    expect(ungrounded('1. UltraBook 2. AirLite', grounding)).toEqual([]);
    expect(ungrounded('4. Something else', groundingOf(FACTS, 2))).toEqual(['4']);
  });
});

describe('the stream guard', () => {
  it('releases checked text, holding back the last words', () => {
    const out: string[] = [];
    const guard = createStreamGuard(groundingOf(FACTS), (t) => out.push(t));
    for (const piece of ['The ', 'AirLite ', '13 ', 'is ', '$899.00', ' today.'])
      expect(guard.push(piece)).toBe(true);
    expect(out.join('')).toBe('The AirLite 13 is');
    expect(guard.finish()).toBe(true);
    expect(out.join('')).toBe('The AirLite 13 is $899.00 today.');
  });

  it('stops before an invented number is released', () => {
    const out: string[] = [];
    const guard = createStreamGuard(groundingOf(FACTS), (t) => out.push(t));
    const pieces = ['Good ', 'news: ', 'everything ', 'is ', '90', '% ', 'off ', 'today ', 'for ', 'you.'];
    const accepted = pieces.map((p) => guard.push(p));
    expect(accepted).toContain(false);
    expect(out.join('')).not.toMatch(/90/);
    expect(guard.problems()).toEqual(['90%']);
  });
});
