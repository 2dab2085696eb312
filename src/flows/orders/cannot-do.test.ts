import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import type { OrderStatus } from '../../domain/types.js';
import { createTestContext } from '../../testing/test-context.js';
import { conversation } from '../../testing/conversation.js';

// What the assistant cannot do to a placed order - undo a cancellation, change what is in it, change how
// it is delivered - is said plainly, with what it can do instead and the shop's contact, and is never
// read as another action (above all, never as cancelling).
let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
});
afterAll(async () => ctx.close());

let n = 0;
/** A customer of their own with one order copied from the sample one given, in the status given. */
async function customerWith(sample: string, status: OrderStatus) {
  const user = `cannot-customer-${++n}`;
  const id = `ORD-5A3F7${String(n).padStart(3, '0')}`;
  const base = (await ctx.orders.get(sample))!;
  await ctx.storage.orders.importHistory([{ ...base, order_id: id, user_id: user, status }]);
  return { user, id, item: base.items[0]!.name };
}

function expectClearNo(response: string) {
  expect(response).toMatch(/^I can't /);
  expect(response).toContain(ctx.config.shop.contact.email!);
  expect(response).not.toMatch(/not sure I understood|Reply yes to cancel/);
}

describe('undoing a cancellation', () => {
  it.each([
    'can you undo the cancellation',
    'uncancel my order',
    'i cancelled by mistake, can you restore my order?',
    'please reinstate my cancelled order',
    'can I get my cancelled order back?',
    'reverse the cancellation please',
  ])('is refused, offering to order again: %s', async (message) => {
    const { user, id, item } = await customerWith('ORD-5A3F0301', 'cancelled');
    const reply = await conversation(ctx.engine, user)(message);
    expectClearNo(reply.response);
    expect(reply.response).toMatch(/can't undo a cancellation/);
    expect(reply.response).toContain(id);
    expect(reply.response).toContain(`add the ${item} to my cart`);
    expect((await ctx.orders.get(id))?.status).toBe('cancelled');
  });

  it.each(['can you undo the cancellation of {id}', 'un-cancel {id} please'])(
    'never asks to cancel an open order, and a yes after it cancels nothing: %s',
    async (message) => {
      const { user, id } = await customerWith('ORD-5A3F0201', 'paid');
      const say = conversation(ctx.engine, user);
      const reply = await say(message.replace('{id}', id));
      expect(reply.response).not.toMatch(/^Cancel order/);
      expect(reply.response).toMatch(new RegExp(`${id} isn't cancelled`));
      await say('yes');
      expect((await ctx.orders.get(id))?.status).toBe('paid');
    },
  );
});

describe('changing what is in a placed order', () => {
  it.each([
    'swap the size in my order to L',
    'add another item to my existing order',
    'change the colour on order {id}',
    'can i change the {item} in my order to a large',
    'remove the {item} from my order',
    'please add a second one to the order I just placed',
  ])('is refused, offering to cancel and order again while it has not shipped: %s', async (message) => {
    const { user, id, item } = await customerWith('ORD-5A3F0201', 'paid');
    const say = conversation(ctx.engine, user);
    const before = await ctx.orders.get(id);
    const reply = await say(message.replace('{id}', id).replace('{item}', item.toLowerCase()));
    expectClearNo(reply.response);
    expect(reply.response).toMatch(/can't change what is in an order once it is placed/);
    expect(reply.response).toContain(`cancel order ${id}`);
    expect(await ctx.orders.get(id)).toEqual(before);
    expect(reply.cart_items_count).toBe(0);
  });

  it('points a delivered order to an exchange instead', async () => {
    const { user, id, item } = await customerWith('ORD-5A3F0102', 'delivered');
    const reply = await conversation(ctx.engine, user)(`can i change the colour of the ${item} in ${id}`);
    expectClearNo(reply.response);
    expect(reply.response).toMatch(/exchange/);
    expect(reply.response).not.toContain(`cancel order ${id}`);
  });
});

describe('changing how a placed order is delivered', () => {
  it.each(['can you upgrade my order to express shipping', 'switch my order to pickup instead'])(
    'is refused, keeping the order as it is: %s',
    async (message) => {
      const { user, id } = await customerWith('ORD-5A3F0201', 'paid');
      const before = await ctx.orders.get(id);
      const reply = await conversation(ctx.engine, user)(message);
      expectClearNo(reply.response);
      expect(reply.response).toMatch(/can't change how an order is delivered/);
      expect(await ctx.orders.get(id)).toEqual(before);
    },
  );
});

describe('what stays with the flows that do it', () => {
  it('an exchange of a delivered item stays an exchange', async () => {
    const { user, item } = await customerWith('ORD-5A3F0102', 'delivered');
    const reply = await conversation(
      ctx.engine,
      user,
    )(`I want to exchange the ${item} from my last order for another colour`);
    expect(reply.current_intent).toBe('return_request');
  });

  it('adding to the cart while shopping stays a cart change, even said as "my order"', async () => {
    const { user } = await customerWith('ORD-5A3F0201', 'paid');
    const reply = await conversation(ctx.engine, user)('add LAPTOP001 in grey to my order');
    expect(reply.current_intent).toBe('add_to_cart');
    expect(reply.cart_items_count).toBe(1);
  });
});
