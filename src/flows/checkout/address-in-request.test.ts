import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import { createTestContext } from '../../testing/test-context.js';
import { conversation } from '../../testing/conversation.js';

// At checkout too, an address typed with the request keeps every part the answer to "where should it
// go?" keeps: the same parser reads both.
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
});
afterAll(async () => ctx.close());

let n = 0;
/** A guest (no address on file) with a laptop in the cart. */
async function guestWithCart() {
  const say = conversation(ctx.engine, `checkout-guest-${++n}`);
  expect((await say('add LAPTOP001 in grey')).cart_items_count).toBe(1);
  return say;
}

const OAK = { line1: '12 Oak St', city: 'Oakland', region: 'CA', postal_code: '94607' };

describe('an address given with "checkout"', () => {
  it.each([
    ['checkout and ship to 12 Oak St, Oakland, CA 94607?', '12 Oak St, Oakland, CA 94607', OAK],
    [
      'check out please, deliver it to 12 Oak Street, Oakland, California 94607',
      '12 Oak Street, Oakland, California 94607',
      { ...OAK, line1: '12 Oak Street' },
    ],
    [
      'checkout - ship to 12 oak st, oakland, ca 94607.',
      '12 oak st, oakland, ca 94607.',
      { line1: '12 oak st', city: 'oakland', region: 'CA', postal_code: '94607' },
    ],
  ])('is read whole: %s', async (request, answer, address) => {
    const asked = await guestWithCart();
    expect((await asked('checkout')).response).toMatch(/Where should I ship it\?/);
    await asked(answer);
    const fromAnswer = await asked('jo@example.com');

    const given = await guestWithCart();
    await given(request);
    const fromRequest = await given('jo@example.com');

    expect(fromRequest.data.checkout?.summary.fulfilment).toMatchObject({ type: 'ship', address });
    expect(fromAnswer.data.checkout?.summary.fulfilment).toEqual(
      fromRequest.data.checkout?.summary.fulfilment,
    );
  });
});
