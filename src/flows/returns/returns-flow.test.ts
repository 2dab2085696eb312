import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import { createTestContext } from '../../testing/test-context.js';
import { conversation } from '../../testing/conversation.js';

// Returns in conversation, typed the way customers do. Alex (user123) has headphones delivered this
// week (ORD-5A3F0102), a T-shirt delivered months ago (ORD-5A3F0101) and shoes on their way (ORD-5A3F0103).
let ctx: AppContext;
const clock = new Date('2026-11-30T20:00:00Z');
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => clock });
});
afterAll(async () => ctx.close());

function chat(userId: string) {
  const say = conversation(ctx.engine, userId);
  return async (message: string) => (await say(message)).response;
}

describe('returns in conversation', () => {
  it("says why an order can't go back: too old, not delivered yet, nothing delivered", async () => {
    expect(await chat('user123')('can i send back the tshirt')).toMatch(
      /^Returns are accepted within 30 days of delivery, and order ORD-5A3F0101 was delivered on Aug \d+\./,
    );
    const notYet = await chat('user123')('return ORD-5A3F0103');
    expect(notYet).toMatch(/^Order ORD-5A3F0103 is on its way; once it's delivered/);
    // Waiting is the answer, not a person.
    expect(notYet).not.toContain('a person can look at it');
    const none = await chat('customer001')('i want a refund for my order');
    expect(none).toContain('Items can be returned within 30 days of delivery');
    expect(none).toContain("I can't see a delivered order of yours here to start a return for.");
    expect(none).toContain(ctx.config.shop.contact.email!);
    // Two months on, every delivered order is past the window: said so, not "no orders".
    let now = clock;
    const old = await createTestContext({}, { now: () => now });
    now = new Date(clock.getTime() + 60 * 86_400_000);
    try {
      const reply = await old.engine.processSalesConversation({
        userId: 'user123',
        channel: 'web',
        message: 'i want a refund for my order',
      });
      expect(reply.response).toContain('Your delivered orders are past the 30-day window');
    } finally {
      await old.close();
    }
  });

  it('asks what instead for an exchange and says when the product does not come in it', async () => {
    const say = chat('user123');
    expect(await say('can I exchange my headphones for another colour')).toMatch(
      /^Which size or colour would you like instead of the .*Headphones \(blue\)\?/,
    );
    expect(await say('black')).toMatch(/doesn't come in black; it comes in blue/);
    expect(await ctx.agents.returns.list({ user_id: 'user123' })).toEqual([]);
  });

  it('asks the reason again when the answer to "why?" is just a yes, and reads one given in passing', async () => {
    const say = chat('user123');
    expect(await say('i would like to return the headphones')).toMatch(/^Sure\. What's the reason/);
    // Asked like a policy question by someone who has them: it is their return.
    expect(await chat('user123')('can i return the headphones?')).toMatch(/^Sure\. What's the reason/);
    expect(await say('yes')).toMatch(/^Sure\. What's the reason/);
    // A question back is not the reason either.
    expect(await say('how long till i get the money')).toMatch(/^Sure\. What's the reason/);
    expect(await say('they keep disconnecting from my phone')).toMatch(/^Return from ORD-5A3F0102/);
    // Asking about the money before saying yes gets the quote again, with the refund terms.
    expect(await say('hmm how long till i get the money')).toMatch(
      /^Return from ORD-5A3F0102: .*Refunds: to the original payment method within 5 business days/,
    );
    // Another order's item named mid-return is not taken as more of this one.
    expect(await say('also can i swap the shoes for a size 10')).toMatch(
      /^Order ORD-5A3F0103 is on its way; once it's delivered/,
    );
    const passing = chat('user123');
    expect(await passing('i want to send the headphones back, they stopped charging')).toMatch(
      /^Return from ORD-5A3F0102/,
    );
  });
  it('says when points it earned were spent since, and what that keeps from the refund', async () => {
    const alex = (await ctx.storage.customers.get('user123'))!;
    await ctx.storage.customers.upsert({ ...alex, loyalty_points: 10 });
    try {
      const quoted = await chat('user123')('i want to return my headphones, they stopped working');
      const [, earned, kept, spent, worth, back] =
        /It earned (\d+) points; (\d+) points come off your balance, and the (\d+) points you've spent since are worth \$([\d.]+), which is kept from the refund\. You'd get \$([\d.]+) back/.exec(
          quoted,
        ) ?? [];
      expect(Number(kept)).toBe(10);
      expect(Number(kept) + Number(spent)).toBe(Number(earned));
      expect(Number(worth)).toBe(Number(spent) * ctx.config.agents.loyalty_agent.point_value);
      const full = (
        await ctx.agents.returns.quote(
          {
            order_id: 'ORD-5A3F0102',
            items: [{ sku: (await ctx.orders.get('ORD-5A3F0102'))!.items[0]!.sku, quantity: 1 }],
            reason: 'x',
          },
          'user123',
        )
      ).refund_amount;
      expect(Math.round(Number(back) * 100)).toBe(Math.round(full * 100) - Math.round(Number(worth) * 100));
    } finally {
      await ctx.storage.customers.upsert(alex);
    }
  });

  it('asks why, shows what comes back, does nothing on a no, and starts the return on a yes', async () => {
    const say = chat('user123');
    expect(await say('I need to return something')).toMatch(
      /^Sure\. What's the reason for returning the .*Headphones\?/,
    );
    const shown = await say('honestly the sound is too quiet');
    expect(shown).toMatch(
      /^Return from ORD-5A3F0102: 1 × .*Headphones \(blue\)\. You'd get \$[\d.]+ back once it reaches us\./,
    );
    expect(shown).toMatch(/The \d+ points it earned come off your balance\. Shall I start the return\?$/);
    expect(await say('nah leave it')).toBe("Okay, I haven't started a return.");
    expect(await ctx.agents.returns.list({ user_id: 'user123' })).toEqual([]);

    const again = chat('user123');
    const quoted = await again('i want to return my headphones, they stopped working');
    const refund = /You'd get (\$[\d.]+) back/.exec(quoted)?.[1];
    const made = await again("yes please, I don't need them any more");
    const [ret] = await ctx.agents.returns.list({ user_id: 'user123' });
    expect(ret).toMatchObject({
      status: 'approved',
      order_id: 'ORD-5A3F0102',
      reason: 'i want to return my headphones, they stopped working',
    });
    expect(made).toContain(`Return ${ret!.return_id} is approved`);
    expect(made).toContain('free within the US, with the label we email you');
    // Headphones come back as headphones do, not "with the tags on" as clothes do.
    expect(made).toContain('unused and in the original packaging');
    expect(made).not.toMatch(/tags on|unworn/);
    expect(made).toContain(`${refund} will be refunded once it reaches us.`);
    expect(`$${ret!.refund_amount.toFixed(2)}`).toBe(refund);
    // Asked again, or asked how it stands: the return as it is, never a second one.
    const status = new RegExp(
      `^Return ${ret!.return_id} \\(1 × .*Headphones \\(blue\\), from ORD-5A3F0102\\) is approved and waiting for the parcel\\.`,
    );
    expect(await chat('user123')('return my headphones pls')).toMatch(status);
    expect(await chat('user123')('any update on my return?')).toMatch(status);
    // However the question is first read (an order's tracking, say), it is about this return.
    expect(await chat('user123')('has my refund gone through yet?')).toMatch(status);
    expect(await ctx.agents.returns.list({ user_id: 'user123' })).toHaveLength(1);
  });
});
