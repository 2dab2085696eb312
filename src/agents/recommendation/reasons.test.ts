import { describe, expect, it } from 'vitest';
import type { Reason } from './ranking.js';
import { reasonsFor, type Listed } from './reasons.js';

const BEST_SELLER: Reason = {
  text: 'one of our best sellers',
  key: 'one of our best sellers',
  personal: false,
};
const FEATURED: Reason = { text: 'a featured pick', key: 'a featured pick', personal: false };
const rated = (r: number): Reason => ({ text: `rated ${r} out of 5`, key: 'rated', personal: false });
const BOUGHT: Reason = {
  text: 'because you bought the Velo Tee',
  key: 'because you bought the Velo Tee',
  personal: true,
  once: 'you bought the Velo Tee',
};

const product = (name: string, price: number, reasons: Reason[], rating = 4.2): Listed => ({
  name,
  price,
  rating,
  reasons,
});

describe('reasons next to a list of products', () => {
  it('drops a reason most of the list shares, and keeps one that tells a product apart', () => {
    const why = reasonsFor([
      product('A', 50, [BEST_SELLER]),
      product('B', 60, [BEST_SELLER, FEATURED]),
      product('C', 50, [BEST_SELLER]),
      product('D', 70, []),
    ]);
    expect(why.reasons).toEqual([undefined, 'a featured pick', undefined, undefined]);
    expect(why.shared).toBeUndefined();
  });

  it('says a reason of the customer’s own once when every product has it, and no more on each line', () => {
    const why = reasonsFor([
      product('A', 50, [BOUGHT, FEATURED]),
      product('B', 50, [BOUGHT]),
      product('C', 50, [BOUGHT]),
    ]);
    expect(why.shared).toBe('you bought the Velo Tee');
    expect(why.reasons).toEqual(['a featured pick', undefined, undefined]);
  });

  it('points at the one lowest price and the one best rating, from the figures, only when one product has them', () => {
    expect(
      reasonsFor([product('A', 50, [], 4.1), product('B', 40, [], 4.8), product('C', 60, [], 4.3)]).reasons,
    ).toEqual([undefined, 'the lowest price here', undefined]);
    expect(
      reasonsFor([product('A', 50, [], 4.1), product('B', 40, [], 4.3), product('C', 60, [], 4.8)]).reasons,
    ).toEqual([undefined, 'the lowest price here', 'the best rated here (4.8 out of 5)']);
    // A price two products share is nobody's lowest; two products are too few to point at either.
    expect(reasonsFor([product('A', 40, []), product('B', 40, []), product('C', 60, [])]).reasons).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(reasonsFor([product('A', 40, []), product('B', 60, [])]).reasons).toEqual([undefined, undefined]);
  });

  it('counts ratings as one reason, so a lower rating is not what sets a product apart', () => {
    const why = reasonsFor([
      product('A', 50, [rated(4.9)], 4.9),
      product('B', 50, [rated(4.9)], 4.9),
      product('C', 50, [rated(4.7)], 4.7),
      product('D', 50, []),
    ]);
    expect(why.reasons).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("puts the customer's own reason before the list's figures, and those before the shop's", () => {
    const mine = {
      ...BOUGHT,
      text: 'because you bought the Nord Cap',
      key: 'nord',
      once: 'you bought the Nord Cap',
    };
    const why = reasonsFor([
      product('A', 30, [mine], 4.0),
      product('B', 40, [FEATURED], 4.9),
      product('C', 60, []),
      product('D', 70, []),
    ]);
    expect(why.reasons).toEqual([
      'because you bought the Nord Cap',
      'the best rated here (4.9 out of 5)',
      undefined,
      undefined,
    ]);
  });
});
