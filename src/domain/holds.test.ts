import { describe, expect, it } from 'vitest';
import { holdRefusal } from './holds.js';

const none = { on_hand: 100, unpaid: 0, customer: 0, address: 0 };

describe('what unpaid orders may hold', () => {
  it('holds up to the share of what is on hand, rounded up so the last unit can be ordered', () => {
    expect(holdRefusal(50, none, { unpaid_share: 0.5 })).toBeNull();
    expect(holdRefusal(51, none, { unpaid_share: 0.5 })).toEqual({ limit: 'share', max: 50, available: 50 });
    expect(holdRefusal(1, { ...none, on_hand: 1 }, { unpaid_share: 0.5 })).toBeNull();
    // 0.1 x 30 is 3.0000000000000004 in floating point: still 3.
    expect(holdRefusal(4, { ...none, on_hand: 30 }, { unpaid_share: 0.1 })).toMatchObject({ max: 3 });
    expect(holdRefusal(1, { ...none, unpaid: 50 }, { unpaid_share: 0.5 })).toMatchObject({ available: 0 });
  });

  it("counts the customer's and the address's own holds against their limits, customer first", () => {
    const limits = { unpaid_share: 1, per_customer: 10, per_address: 20 };
    expect(holdRefusal(3, { ...none, customer: 8, address: 8 }, limits)).toEqual({
      limit: 'customer',
      max: 10,
      available: 2,
    });
    expect(holdRefusal(3, { ...none, customer: 0, address: 18 }, limits)).toEqual({
      limit: 'address',
      max: 20,
      available: 2,
    });
    expect(holdRefusal(10, { ...none, address: 10 }, limits)).toBeNull();
    expect(holdRefusal(500, none, { unpaid_share: 1 })).toMatchObject({ limit: 'share', max: 100 });
  });

  it('names the limit leaving the least room, so what it says can still be held fits them all', () => {
    const limits = { unpaid_share: 0.5, per_customer: 10 };
    // 5 more for this customer, but only 2 more of the shop-wide share.
    const held = { on_hand: 20, unpaid: 8, customer: 5, address: 0 };
    expect(holdRefusal(6, held, limits)).toEqual({ limit: 'share', max: 10, available: 2 });
    expect(holdRefusal(2, held, limits)).toBeNull();
  });
});
