import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import { conversation } from '../../testing/conversation.js';
import { createTestContext } from '../../testing/test-context.js';
import examples from './examples.json' with { type: 'json' };

let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
});
afterAll(async () => ctx.close());

let n = 0;
/** A customer with a hoodie in the cart, and what the cart holds after their next message. */
async function withHoodie(message: string) {
  const user = `clearing-${++n}`;
  const say = conversation(ctx.engine, user);
  await say('show me hoodies');
  const added = await say('add the first one in black size M');
  expect((await ctx.agents.cart.view(user)).items).toHaveLength(1);
  const reply = await say(message);
  return { added, reply, items: (await ctx.agents.cart.view(user)).items };
}

describe('emptying the cart', () => {
  it.each(['clear curtains', 'clear shower curtain', 'clear phone case please'])(
    'is not what "%s" asks: the cart keeps what was chosen',
    async (message) => {
      const { reply, items } = await withHoodie(message);
      expect(items).toHaveLength(1);
      expect(reply.current_intent).not.toBe('clear_cart');
    },
  );

  it.each([
    ...examples.clear_cart.filter((_, i) => i % 4 === 0),
    'clear the cart, I changed my mind',
    'empty my shopping bag',
    'clear my shopping cart',
    "clear my cart please, i'll start again",
    'empty the cart now',
  ])('still happens on "%s"', async (message) => {
    const { items } = await withHoodie(message);
    expect(items).toHaveLength(0);
  });
});

describe('a question about how to change the cart', () => {
  it.each([
    'how do i remove an item from my cart?',
    "i don't know how to remove things from my cart",
    'how can I empty my basket?',
  ])('shows the cart and changes nothing: "%s"', async (message) => {
    const { reply, items } = await withHoodie(message);
    expect(items).toHaveLength(1);
    expect(reply.current_intent).toBe('view_cart');
    expect(reply.response).toMatch(/Your cart \(1 item\)/);
    expect(reply.response).toMatch(/say "remove" and its name, like "remove the /);
  });
});
