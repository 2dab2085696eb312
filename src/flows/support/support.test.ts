import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import { createTestContext } from '../../testing/test-context.js';

const TOKYO = fileURLToPath(new URL('../../testing/shops/tokyo.yaml', import.meta.url));

// Two shops with different policies: every answer follows the shop's own file, and what a file does not
// say is never guessed.
let bayside: AppContext;
let sakura: AppContext;
beforeAll(async () => {
  bayside = await createTestContext();
  sakura = await createTestContext({ SHOP_CONFIG_FILE: TOKYO });
});
afterAll(async () => {
  await bayside.close();
  await sakura.close();
});

const ask = async (ctx: AppContext, message: string) =>
  ctx.engine.processSalesConversation({ userId: 'u-support', channel: 'web', message });

describe('questions answered from the shop file only', () => {
  it('lists the ways to pay each shop takes, and guesses at no other', async () => {
    const b = await ask(bayside, 'do u take paypal??');
    expect(b.current_intent).toBe('payment_info');
    // Paid by hand (the default): PayPal on a payment page is no way to pay here, and is not guessed at.
    expect(b.response).toMatch(/^You can pay by bank transfer to Bayside Goods Inc\./);
    expect(b.response).toMatch(/nothing about "paypal".*won't guess/);
    const s = await ask(sakura, 'do u take paypal??');
    expect(s.response).toMatch(/^You can pay by bank transfer to Sakura Street Store K\.K\./);
    expect(s.response).toContain('in cash on delivery, for orders we deliver');
    expect(s.response).toMatch(/nothing about "paypal".*won't guess/);
    expect(s.response).toContain('desk@sakura.example');
  });

  it("gives each shop's own returns policy", async () => {
    const b = await ask(bayside, "what's your return policy?");
    expect(b.current_intent).toBe('store_policy');
    expect(b.response).toContain(bayside.config.shop.returns!.text);
    expect(b.response).toContain('These cannot be returned: underwear, swimwear, and gift cards.');
    expect(b.response).toContain('Refunds: to the original payment method within 5 business days');
    expect((await ask(sakura, "what's your return policy?")).response).toContain(
      'Returns are accepted within 14 days with the receipt',
    );
  });

  it('answers from a FAQ entry when the question names it, and says when a file has none', async () => {
    const warranty = await ask(bayside, 'is there a warranty on the laptops?');
    expect(warranty.response).toContain(
      "Electronics (laptops, phones, tablets, headphones) carry the maker's 1-year warranty",
    );
    const none = await ask(sakura, 'is there a warranty on the laptops?');
    expect(none.response).toMatch(
      /I don't have an answer to that in Sakura Street Store's information, so I won't guess/,
    );
    expect(none.response).not.toMatch(/\d+[- ](day|month|year)/);
    expect((await ask(sakura, 'do you do gift wrapping?')).response).toBe(
      'Yes, noshi gift wrapping is free; ask for it in the order notes.',
    );
  });

  it('answers where a shop ships from its FAQ, and never guesses a destination the file is silent on', async () => {
    const b = await ask(bayside, 'do you ship to canada?');
    expect(b.current_intent).toBe('shipping_info');
    expect(b.response).toContain("we don't ship to other countries yet");
    const s = await ask(sakura, 'do you ship to canada?');
    expect(s.response).toMatch(/^We ship by Takkyubin/);
    expect(s.response).toMatch(/nothing about "canada".*won't guess/);
  });

  it('gives account help links from the file, or the contact when there are none', async () => {
    const b = await ask(bayside, 'i forgot my password');
    expect(b.current_intent).toBe('account_help');
    expect(b.response).toContain('https://bayside.example/account/reset-password');
    const s = await ask(sakura, 'i forgot my password');
    expect(s.response).toMatch(/won't guess/);
    expect(s.response).toContain('desk@sakura.example');
  });

  it('answers "I want to return this" with the rules and who starts the return', async () => {
    const r = await ask(bayside, 'how do I return these boots? they are too small');
    expect(r.current_intent).toBe('return_request');
    expect(r.response).toContain(bayside.config.shop.returns!.text);
    expect(r.response).toContain('You can exchange an item for another size or colour');
    // No delivered order to return here: the shop's contact, never a return started on nothing.
    expect(r.response).toContain("I can't see a delivered order of yours here");
    expect(r.response).toContain(bayside.config.shop.contact.email!);
  });

  it('meets a complaint with an apology and a person, never a product list', async () => {
    const c = await ask(bayside, 'I was charged twice for my order, this is unacceptable');
    expect(c.current_intent).toBe('complaint');
    expect(c.response).toMatch(/^I'm sorry about this/);
    expect(c.response).toContain('help@bayside.example');
    expect(c.data.products).toBeUndefined();
  });

  it("takes an aside or the shop's own name for no part of the question", async () => {
    for (const [ctx, name] of [
      [bayside, 'Bayside'],
      [sakura, 'Sakura'],
    ] as const) {
      const r = await ask(ctx, `wait, does ${name} ship to hawaii?`);
      expect(r.current_intent).toBe('shipping_info');
      expect(r.response).not.toMatch(/nothing about "(wait|bayside|sakura)/i);
    }
  });
});
