import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../bootstrap.js';
import { createTestContext } from '../../testing/test-context.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const ask = async (message: string) =>
  (await ctx.engine.processSalesConversation({ userId: 'u-support', channel: 'web', message })).response;

describe('the support flow answers from the shop file only', () => {
  it("gives the shop's returns text for a returns question", async () => {
    expect(await ask('what is your returns policy?')).toContain(ctx.config.shop.returns!);
  });

  it("gives the shop's shipping methods for a shipping question, and no returns text", async () => {
    const reply = await ask('how much is shipping?');
    for (const m of ctx.config.shop.shipping) expect(reply).toContain(m.name);
    expect(reply).not.toContain(ctx.config.shop.returns!);
  });

  it('says it will not guess at a policy the shop has not written, and gives the contact', async () => {
    const reply = await ask('is there a warranty on the laptops? mine broke');
    expect(reply).toMatch(/won't guess/);
    expect(reply).toContain(ctx.config.shop.contact.email!);
    expect(reply).not.toMatch(/\d+ (days|months|years)/);
  });
});
