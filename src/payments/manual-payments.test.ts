import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import type { ConversationResult } from '../engine.js';
import { ONLINE_LOCATION, type Order } from '../domain/types.js';
import { createShopContext, type ShopContext } from '../shop/shop-context.js';
import { conversation } from '../testing/conversation.js';
import { startFakeStripe } from '../testing/fake-stripe.js';
import { createTestContext } from '../testing/test-context.js';

const TOKYO = fileURLToPath(new URL('../testing/shops/tokyo.yaml', import.meta.url));
const HARBOR = fileURLToPath(new URL('../testing/shops/sales-tax.yaml', import.meta.url));

/**
 * Paying in the default, manual mode: the order placed says how to pay it (the ways in the shop file that
 * fit it, with its amount, reference and deadline), and so do "how do I pay?" and its kin; with Stripe,
 * the payment page. Noon on a Wednesday in San Francisco, so stores are open for pickup.
 */
const clock = new Date('2026-12-02T20:00:00Z');
const ADDRESS = '12 Market St, San Francisco, CA 94103';

let bayside: AppContext;
let sakura: AppContext;
let harbor: AppContext;
beforeAll(async () => {
  bayside = await createTestContext({}, { now: () => clock });
  // In Tokyo it is 05:00 then, and no store is open: the Tokyo shop's day starts at noon its time.
  sakura = await createTestContext(
    { SHOP_CONFIG_FILE: TOKYO },
    { now: () => new Date('2026-12-02T03:00:00Z') },
  );
  harbor = await createTestContext({ SHOP_CONFIG_FILE: HARBOR }, { now: () => clock });
}, 60_000);
afterAll(async () => {
  await bayside.close();
  await sakura.close();
  await harbor.close();
});

const shopOf = (ctx: AppContext): ShopContext =>
  createShopContext(ctx.config.shop, ctx.now, ctx.config.PAYMENT_PROVIDER);

/** A product with one variant, in stock online and at a store whose hours are in the shop's own zone. */
async function pickupPick(ctx: AppContext): Promise<{ product: string; store: string }> {
  const stores = (await ctx.storage.inventory.stores()).filter(
    (s) => !Object.hasOwn(ctx.config.shop.pickup.time_zones, s.store_id),
  );
  for (const p of await ctx.storage.products.search({ category: 'headphones', limit: 40 })) {
    if (p.variants.length !== 1) continue;
    const levels = await ctx.storage.inventory.stockForProduct(p.product_id);
    const at = (loc: string) => levels.some((l) => l.location_id === loc && l.quantity > 0);
    const store = stores.find((s) => at(s.store_id));
    if (store && at(ONLINE_LOCATION)) return { product: p.product_id, store: store.name };
  }
  throw new Error('no product to collect');
}

/** Places an order in conversation, delivered or collected, and returns the reply and the stored order. */
async function placeOrder(
  ctx: AppContext,
  user: string,
  how: 'ship' | 'pickup',
): Promise<{ say: (m: string) => Promise<ConversationResult>; placed: ConversationResult; order: Order }> {
  const say = conversation(ctx.engine, user);
  const pick = await pickupPick(ctx);
  await say(`add ${pick.product}`);
  const summary = await say(
    how === 'ship' ? `checkout, ship to ${ADDRESS}` : `checkout with pickup at ${pick.store}`,
  );
  expect(summary.data.checkout?.summary.fulfilment.type, summary.response).toBe(how);
  const placed = await say('yes');
  expect(placed.data.order, placed.response).toBeDefined();
  const order = (await ctx.orders.get(placed.data.order!.order_id))!;
  return { say, placed, order };
}

describe('an order placed in manual mode says how to pay it', () => {
  it('a delivered order: its amount, deadline, the bank details and its reference; no pickup, no cards', async () => {
    const { placed, order } = await placeOrder(bayside, 'customer040', 'ship');
    const shop = shopOf(bayside);
    const r = placed.response;
    expect(order.expires_at).not.toBeNull();
    expect(r).toContain(`Please pay ${shop.money(order.total)} by ${shop.dateTime(order.expires_at!)}`);
    expect(r).toContain(
      `You can pay by bank transfer to Bayside Goods Inc. at Example Bay Bank (account number 000123456789, routing number 123456780), with the reference ${order.order_id}.`,
    );
    expect(r).not.toMatch(/collect|contact the shop|Visa|PayPal/);
  });

  it('a collected order: paying at the store too, with what its till takes', async () => {
    const { placed, order } = await placeOrder(bayside, 'customer041', 'pickup');
    const r = placed.response;
    expect(r).toContain('You can pay:\n- by bank transfer to Bayside Goods Inc.');
    expect(r).toContain(`with the reference ${order.order_id}`);
    expect(r).toContain('- when you collect it at the store, with cash or card');
  });

  it('offers cash on delivery only to an order delivered, and paying at pickup only to one collected', async () => {
    const shipped = await placeOrder(sakura, 'customer042', 'ship');
    expect(shipped.placed.response).toContain(
      `with the reference SAKURA-${shipped.order.order_id}\n- in cash on delivery (Daibiki: pay the courier in cash when the parcel arrives)`,
    );
    expect(shipped.placed.response).not.toMatch(/collect/);
    const collected = await placeOrder(sakura, 'customer043', 'pickup');
    expect(collected.placed.response).toContain('- when you collect it at the store, with cash or card');
    expect(collected.placed.response).not.toMatch(/on delivery/);
  });

  it('gives the contact, and claims no way to pay, when the shop file lists none', async () => {
    const { placed } = await placeOrder(harbor, 'customer044', 'ship');
    expect(placed.response).toContain(
      'To pay for it, contact the shop. You can email orders@harbor.example.',
    );
    expect(placed.response).not.toMatch(/bank transfer|cash|card/i);
    const asked = await conversation(harbor.engine, 'customer044')('how do I pay for it?');
    expect(asked.response).toMatch(/I don't have an answer to that in Harbor Supply Co\.'s information/);
    expect(asked.response).not.toMatch(/bank transfer|cash|card/i);
  });

  it('says how to pay it again when asked about the order, or to pay with an empty cart', async () => {
    const { say, order } = await placeOrder(bayside, 'user123', 'ship');
    // user123 has other orders on their way too: a question about paying means the unpaid one.
    const which = await say('where is my order?');
    expect(which.response).toMatch(new RegExp(`1\\. ${order.order_id} \\(.*awaiting payment\\)`));
    for (const message of ['1', 'has my payment gone through?', 'checkout']) {
      const r = await say(message);
      expect(r.response, message).toContain(`with the reference ${order.order_id}`);
      expect(r.response, message).not.toMatch(/contact the shop/);
    }
  });
});

describe('"how do I pay?" in manual mode answers from the shop file', () => {
  const WORDINGS = [
    'how do I pay for it?',
    'how should I pay',
    'can I pay by bank transfer?',
    'do you take cash?',
    'what payment methods do you accept?',
    'where do I send the money?',
    'can I pay when I pick it up?',
  ];

  it.each(WORDINGS)('%s', async (message) => {
    const r = await conversation(bayside.engine, 'guest-how-to-pay')(message);
    expect(r.current_intent).toBe('payment_info');
    expect(r.response).toMatch(
      /^You can pay by bank transfer to Bayside Goods Inc\. at Example Bay Bank \(account number 000123456789, routing number 123456780\), with your order number as the reference; or at the store when you collect a pickup order, with cash or card\./,
    );
    // The card brands the payment page would take are not a way to pay here.
    for (const brand of bayside.config.shop.payments.online) expect(r.response).not.toContain(brand);
  });

  it('names no way the file does not list', async () => {
    const r = await conversation(bayside.engine, 'guest-paypal')('can I pay with paypal?');
    expect(r.response).toMatch(/nothing about "paypal".*won't guess/);
    const tokyo = await conversation(sakura.engine, 'guest-cod')('can I pay cash on delivery?');
    expect(tokyo.response).toContain('in cash on delivery, for orders we deliver');
    expect(tokyo.response).toContain('with the reference SAKURA-[your order number]');
  });

  it("gives the customer's unpaid order with its reference and amount", async () => {
    const { say, order } = await placeOrder(bayside, 'customer045', 'ship');
    const shop = shopOf(bayside);
    for (const message of ['how do I pay for it?', 'can I pay by bank transfer?']) {
      const r = await say(message);
      expect(r.response).toContain(
        `Your order ${order.order_id} (${shop.money(order.total)}) is awaiting payment until ${shop.dateTime(order.expires_at!)}. You can pay by bank transfer with the reference ${order.order_id}.`,
      );
    }
  });
});

describe('with Stripe', () => {
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  let stripe: AppContext;
  let plain: AppContext;
  beforeAll(async () => {
    fake = await startFakeStripe();
    const env = {
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_shop',
      STRIPE_WEBHOOK_SECRET: 'whsec_test_secret',
      STRIPE_API_BASE_URL: fake.url,
    };
    stripe = await createTestContext(env, { now: () => clock });
    plain = await createTestContext({ ...env, SHOP_CONFIG_FILE: HARBOR }, { now: () => clock });
  }, 60_000);
  afterAll(async () => {
    await stripe.close();
    await plain.close();
    await fake.close();
  });

  it('pays on the payment page: the order gets its link, and "how do I pay?" says so', async () => {
    const { say, placed, order } = await placeOrder(stripe, 'customer046', 'ship');
    expect(placed.response).toMatch(/Pay here: https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    expect(placed.response).not.toMatch(/bank transfer/);
    for (const message of ['how do I pay for it?', 'what payment methods do you accept?']) {
      const r = await say(message);
      expect(r.current_intent).toBe('payment_info');
      expect(r.response).toMatch(/^You pay online by card, on a secure payment page/);
      expect(r.response).toContain('It takes Visa, Mastercard, American Express');
      expect(r.response).toContain(`You can pay it here: ${order.payment_url}`);
      expect(r.response).not.toMatch(/bank transfer|collect/);
    }
  });

  it('names no card brand the shop file does not', async () => {
    const r = await conversation(plain.engine, 'guest-brands')('how do I pay for it?');
    expect(r.response).toMatch(/^You pay online by card, on a secure payment page/);
    expect(r.response).not.toMatch(/It takes|Visa|Mastercard/);
  });
});
