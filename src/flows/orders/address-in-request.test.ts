import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import type { Address } from '../../domain/types.js';
import { createTestContext } from '../../testing/test-context.js';
import { conversation } from '../../testing/conversation.js';

// An address typed inside the request ("change the address of my order to ...") keeps every part the same
// address keeps when typed as the answer to "where should it go?": street, town, state and ZIP.
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
});
afterAll(async () => ctx.close());

let n = 0;
/** A customer of their own with one paid order being prepared, so each case changes only its order. */
async function customerWithOrder(): Promise<{ user: string; id: string }> {
  const user = `address-customer-${++n}`;
  const id = `ORD-5A3F9${String(n).padStart(3, '0')}`;
  const base = (await ctx.orders.get('ORD-5A3F0201'))!;
  await ctx.storage.orders.importHistory([{ ...base, order_id: id, user_id: user, status: 'paid' }]);
  return { user, id };
}

const OAK: Address = { line1: '12 Oak St', city: 'Oakland', region: 'CA', postal_code: '94607' };

describe('an address given with the request', () => {
  it.each([
    ['change the address of my order to 12 Oak St, Oakland, CA 94607', '12 Oak St, Oakland, CA 94607', OAK],
    [
      'can you change the delivery address on my order to 12 Oak St, Oakland, CA 94607?',
      '12 Oak St, Oakland, CA 94607?',
      OAK,
    ],
    [
      'update the shipping address on my order: 12 Oak St, Oakland, CA 94607.',
      '12 Oak St, Oakland, CA 94607.',
      OAK,
    ],
    [
      'please send my order to 12 Oak Street, Oakland, California 94607 instead',
      '12 Oak Street, Oakland, California 94607',
      { ...OAK, line1: '12 Oak Street' },
    ],
    [
      'my order should go to 12 Oak St Apt 4 Oakland CA 94607 instead, thanks',
      '12 Oak St Apt 4 Oakland CA 94607',
      { ...OAK, line1: '12 Oak St, Apt 4' },
    ],
    [
      'pls change my order address to 12 oak st, oakland, ca 94607',
      '12 oak st, oakland, ca 94607',
      { line1: '12 oak st', city: 'oakland', region: 'CA', postal_code: '94607' },
    ],
  ])('keeps street, town, state and ZIP: %s', async (request, answer, address) => {
    // Typed as the answer to "where should it go?".
    const asked = await customerWithOrder();
    const sayAsked = conversation(ctx.engine, asked.user);
    expect((await sayAsked(`I need to change the delivery address of ${asked.id}`)).response).toMatch(
      /go instead\?/,
    );
    const fromAnswer = await sayAsked(answer);

    // Typed with the request.
    const given = await customerWithOrder();
    const sayGiven = conversation(ctx.engine, given.user);
    const fromRequest = await sayGiven(request);

    const shown = `Send order ${given.id} to ${[address.line1, address.city, `${address.region} ${address.postal_code}`].join(', ')} instead?`;
    expect(fromRequest.response).toMatch(new RegExp(`^${shown.replace(/[.?*+()[\]]/g, '\\$&')}`));
    expect(fromAnswer.response.replace(asked.id, given.id)).toBe(fromRequest.response);

    expect((await sayGiven('yes')).response).toMatch(/^Done/);
    expect((await ctx.orders.get(given.id))?.fulfilment).toMatchObject({ type: 'ship', address });
  });
});
