import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { ConfigError, loadConfig } from '../config.js';
import { playScenarios } from '../data/scenarios.js';
import { createTestContext } from '../testing/test-context.js';
import { loadShop, parseShop } from './load-shop.js';

const TOKYO = fileURLToPath(new URL('../testing/shops/tokyo.yaml', import.meta.url));
const SALES_TAX = fileURLToPath(new URL('../testing/shops/sales-tax.yaml', import.meta.url));

function writeShop(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'shop-')), 'shop.json');
  writeFileSync(file, content);
  return file;
}

describe('the shop file', () => {
  it('ships a sample used by default, and reads YAML', () => {
    expect(loadConfig({}).shop.currency).toBe('USD');
    const tokyo = loadShop(TOKYO);
    expect(tokyo).toMatchObject({ currency: 'JPY', time_zone: 'Asia/Tokyo', cart: { max_line_quantity: 5 } });
    expect(tokyo.checkout.confirmation_minutes).toBe(15);
  });

  it('has prices include tax unless it sets a rate, which taxes goods and not shipping by default', () => {
    expect(loadShop(undefined).tax).toBeNull();
    expect(loadShop(SALES_TAX).tax).toEqual({ rate: 0.0875, label: 'Sales tax', on_shipping: false });
    expect(parseShop({ ...loadShop(undefined), tax: { rate: 0.2 } }).tax?.label).toBe('Tax');
  });

  it.each([
    [{ currency: 'usd' }, 'currency: must be an ISO 4217 code'],
    [{ currency: 'XYZ' }, 'currency: is not a currency'],
    [{ currency: 'KWD' }, 'currency: KWD has more than two minor digits'],
    [{ time_zone: 'Mars/Olympus' }, 'time_zone: must be an IANA time zone'],
    [{ shipping: [] }, 'shipping: needs at least one shipping method'],
    [{ shipping: [{ id: 'std', name: 'S', cost: -1, min_days: 1, max_days: 2 }] }, 'shipping.0.cost'],
    [{ shipping: [{ id: 'std', name: 'S', cost: 1, min_days: 3, max_days: 2 }] }, 'shipping.0.max_days'],
    [{ pickup: { enabled: true, opening_hours: { X: { mon: '9-5' } } } }, 'pickup.opening_hours.X'],
    [{ contact: {} }, 'contact: needs an email or a phone number'],
    [{ loyalty: { tiers: [] } }, 'loyalty.tiers: must list each of bronze, silver, gold, platinum once'],
    [
      {
        loyalty: {
          tiers: ['bronze', 'silver', 'gold', 'platinum'].map((tier, i) => ({
            tier,
            from: 100 - i,
            discount_rate: 0,
            points_multiplier: 1,
            free_shipping: false,
          })),
        },
      },
      'loyalty.tiers: must start at 0 and rise',
    ],
    [{ tax: { rate: 8.75 } }, 'tax.rate: must be below 1 (a share of the price: 0.0875 is 8.75%)'],
    [{ tax: { rate: -0.01 } }, 'tax.rate'],
    [{ tax: { rate: 0.08751234 } }, 'tax.rate: must have at most six decimal places'],
    [{ tax: { rate: 0.0875, label: ' ' } }, 'tax.label'],
    [{ tax: { rate: 0.0875, included: true } }, 'included'],
    [{ surprise: true }, 'surprise'],
    [{ payments: { bank_transfer: { account_holder: 'X' } } }, 'payments.bank_transfer: needs an iban or'],
    [
      { payments: { bank_transfer: { account_holder: 'X', iban: 'DE89 3704 0044 0532 0130 01' } } },
      'payments.bank_transfer.iban: is not a valid IBAN',
    ],
    [
      {
        payments: {
          bank_transfer: { account_holder: 'X', account_number: '1', routing_number: '123456789' },
        },
      },
      'payments.bank_transfer.routing_number: is not a valid ABA routing number',
    ],
    [
      { payments: { bank_transfer: { account_holder: 'X', account_number: '1', reference: 'ORDER' } } },
      'payments.bank_transfer.reference: must contain {order_id}',
    ],
    [
      {
        payments: {
          bank_transfer: { account_holder: 'X', account_number: '1', reference: '{id} {order_id}' },
        },
      },
      'payments.bank_transfer.reference: may contain no placeholder but {order_id}',
    ],
    [{ payments: { bank_transfer: { account_number: '1' } } }, 'payments.bank_transfer.account_holder'],
    [{ payments: { pay_at_pickup: { accepts: 'cash' } } }, 'payments.pay_at_pickup.accepts'],
    [{ payments: { cash_on_delivery: { fee: 2 } } }, 'payments.cash_on_delivery: Unrecognized key: "fee"'],
    [{ payments: { cheque: true } }, 'payments: Unrecognized key: "cheque"'],
    [
      { pickup: { enabled: false }, payments: { pay_at_pickup: true } },
      'payments.pay_at_pickup: needs pickup.enabled: true',
    ],
    [
      { payment_methods: ['Visa'], payments: { online: ['Visa'] } },
      'payment_methods: is the older name of payments.online',
    ],
  ])('refuses %j naming the field', (change, message) => {
    const base = loadShop(undefined);
    const file = writeShop(JSON.stringify({ ...base, ...change }));
    expect(() => loadConfig({ SHOP_CONFIG_FILE: file })).toThrow(ConfigError);
    expect(() => loadConfig({ SHOP_CONFIG_FILE: file })).toThrow(message);
  });

  it('lists the manual ways to pay a shop accepts, and only those', () => {
    const { payments: _, ...base } = loadShop(undefined);
    expect(parseShop(base).payments).toEqual({
      online: [],
      bank_transfer: null,
      pay_at_pickup: null,
      cash_on_delivery: null,
    });
    const some = parseShop({
      ...base,
      payments: {
        bank_transfer: { account_holder: 'Bayside Goods Inc.', iban: 'DE89 3704 0044 0532 0130 00' },
        pay_at_pickup: true,
        cash_on_delivery: false,
      },
    }).payments;
    expect(some).toMatchObject({
      bank_transfer: { reference: '{order_id}' },
      pay_at_pickup: { accepts: [] },
      cash_on_delivery: null,
    });
    // A file written before `payments` keeps its list: what the payment page takes.
    expect(parseShop({ ...base, payment_methods: ['JCB', 'Visa'] }).payments.online).toEqual(['JCB', 'Visa']);
  });

  it('refuses a file that is not JSON or YAML, naming it', () => {
    const file = writeShop('name: [unclosed');
    expect(() => loadConfig({ SHOP_CONFIG_FILE: file })).toThrow(
      /SHOP_CONFIG_FILE: cannot read .* as JSON or YAML/,
    );
  });
});

/** Every money figure in a text: "$1,299.99", "￥1,300", "¥800". */
const FIGURES = /[$￥¥]\s?\d[\d,.]*/g;

describe.each([
  ['the sample shop (USD)', undefined, /^\$\d{1,3}(,\d{3})*\.\d{2}$/, '￥'],
  ['a Tokyo shop (JPY)', TOKYO, /^￥\d{1,3}(,\d{3})*$/, '$'],
])('the conversation scenarios under %s', (_name, file, figure, foreign) => {
  let ctx: AppContext;
  const replies: string[] = [];
  beforeAll(async () => {
    ctx = await createTestContext(file ? { SHOP_CONFIG_FILE: file } : {});
    await playScenarios(ctx.engine, (_message, result) => replies.push(result.response));
    for (const message of ['what is your returns policy?', 'I want to speak to a real person']) {
      replies.push(
        (await ctx.engine.processSalesConversation({ userId: 'u1', channel: 'web', message })).response,
      );
    }
  }, 60_000);
  afterAll(async () => ctx.close());

  it("states every price in the shop's currency, in its minor units", () => {
    const figures = replies.flatMap((r) => r.match(FIGURES) ?? []);
    expect(figures.length).toBeGreaterThan(10);
    for (const f of figures) expect(f.replace(/[.,]$/, '')).toMatch(figure);
    expect(replies.join('\n')).not.toContain(foreign);
  });

  it("charges the shop's shipping and keeps a line within its limit", async () => {
    const shop = ctx.config.shop;
    const method = shop.shipping[0]!;
    const say = async (message: string, sessionId: string) =>
      ctx.engine.processSalesConversation({ userId: 'guest-limits', channel: 'web', message, sessionId });
    await say('show me kitchen stuff', 'limits');
    const refused = await say(`add ${shop.cart.max_line_quantity + 1} of the first one`, 'limits');
    expect(refused.response).toContain(`at most ${shop.cart.max_line_quantity}`);
    await say('add 1 of the second one', 'limits');
    await say('ship to 12 Market St, San Francisco, CA 94103', 'limits');
    const summary = await say(
      'checkout, ship to 12 Market St, San Francisco, CA 94103, email jo@example.com',
      'limits',
    );
    const totals = summary.data.checkout?.summary.totals;
    const goods = (totals?.subtotal ?? 0) - (totals?.tier_discount ?? 0);
    const free = method.free_over !== undefined && goods >= method.free_over;
    expect(totals?.shipping).toBe(free ? 0 : method.cost);
    expect(summary.response).toContain(
      `${method.name} shipping (${method.min_days}-${method.max_days} business days)`,
    );
  });

  it('shows no tax line: prices include tax', () => {
    expect(replies.join('\n')).not.toMatch(/\btax\b/i);
  });

  it("gives the shop's own returns policy and contact details, and no other shop's", () => {
    const shop = ctx.config.shop;
    const all = replies.join('\n');
    expect(all).toContain(shop.returns!.text);
    expect(all).toContain(shop.contact.email!);
    const other = loadShop(file ? undefined : TOKYO);
    expect(all).not.toContain(other.returns!.text);
    expect(all).not.toContain(other.contact.email!);
  });
});
