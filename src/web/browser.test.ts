import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { moneyFormatter } from '../domain/money.js';
import { ONLINE_LOCATION, type ProductVariant } from '../domain/types.js';
import type { SqliteStorage } from '../storage/sqlite/index.js';
import { signedIn } from '../testing/api-calls.js';
import { createTestContext } from '../testing/test-context.js';

// The chat in a real browser (Debian's chromium, driven by playwright-core): the widget embedded in a
// plain host page on another origin, and the shop's own chat page. Every request must stay on loopback.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.log(`browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let ctx: AppContext;
let app: FastifyInstance;
let api: string;
let host: Server;
let hostUrl: string;
let browser: Browser;
let page: Page;
const offLoopback: string[] = [];

beforeAll(async () => {
  if (!available) return;
  // The shop's own site, on another origin, with the one script tag.
  host = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><html lang="en"><head><title>Bayside Goods</title>
<style>* { font-family: serif !important; color: red !important; } button { display: none !important; }</style></head>
<body><main><h1>Bayside Goods</h1><p>Welcome to our shop.</p></main>
<script src="${api}/widget.js" data-color="#0b5d3b" data-greeting="Hi from Bayside!"></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  ctx = await createTestContext({ CORS_ORIGINS: hostUrl });
  app = await buildApp(ctx, { logger: false });
  api = await app.listen({ port: 0, host: '127.0.0.1' });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}, 60_000);
afterAll(async () => {
  if (!available) return;
  await browser?.close();
  await app?.close();
  await ctx?.close();
  host?.close();
});

/** A browser page that may not leave loopback (any other host fails the test). */
async function loopbackPage(viewport = { width: 360, height: 740 }): Promise<Page> {
  // bypassCSP: the accessibility checker is injected as a script the page's CSP would refuse.
  const p = await browser.newPage({ viewport, bypassCSP: true });
  await p.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    offLoopback.push(route.request().url());
    return route.abort();
  });
  return p;
}

async function open(url: string) {
  page = await loopbackPage();
  await page.goto(url);
}

afterEach(async (test) => {
  if (!available || !page) return;
  if (test.task.result?.state === 'fail') {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${test.task.name.replace(/\W+/g, '-')}.png`) });
  }
  await page.close();
  expect(offLoopback).toEqual([]);
});

/** Sends a message as the customer would: typed, then Enter. */
async function say(text: string) {
  const input = page.getByLabel('Your message');
  await input.fill(text);
  await input.press('Enter');
}

/** The newest assistant message, once it holds `pattern`. */
async function replied(pattern: RegExp) {
  await expect
    .poll(async () => page.locator('.msg.assistant > p').last().innerText(), { timeout: 15_000 })
    .toMatch(pattern);
}

/** axe-core over the chat (the host page's own styles are the shop's business). */
async function noSeriousA11yViolations(scope?: string) {
  await noSeriousA11yViolationsOn(page, scope);
}

async function noSeriousA11yViolationsOn(page: Page, scope?: string) {
  await page.addScriptTag({ content: AXE });
  // Runs in the page (a string, as the test's own code has no DOM types).
  const found = (await page.evaluate(`(async () => {
    const { violations } = await axe.run(${JSON.stringify(scope ?? null)} ? { include: [[${JSON.stringify(scope ?? '')}]] } : document);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' (' + v.nodes.length + ')');
  })()`)) as string[];
  expect(found).toEqual([]);
}

describe.skipIf(!available)('the chat in a browser', () => {
  it('the widget on a shop page: finds a product, picks colour and size, adds it, checks out and shows the order', async () => {
    await open(hostUrl);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expect.poll(() => page.locator('.msg.assistant > p').first().innerText()).toBe('Hi from Bayside!');
    // The host page's CSS does not reach inside the widget.
    const style = (selector: string, property: string) =>
      page.evaluate(
        `getComputedStyle(document.getElementById('sales-agent-chat').shadowRoot.querySelector('${selector}')).${property}`,
      );
    expect(await style('.launcher', 'display')).toBe('block');
    expect(await style('.msg.assistant > p', 'color')).toBe('rgb(26, 26, 26)');
    expect(await style('.msg.assistant > p', 'fontFamily')).toMatch(/system-ui/);

    await say('show me hoodies');
    const card = page.locator('.card').first();
    await card.waitFor({ timeout: 15_000 });
    const name = await card.locator('h3').innerText();
    const colour = card.getByLabel('Colour');
    const colours = await colour.locator('option').allInnerTexts();
    await colour.selectOption(colours.at(-1)!);
    const size = card.getByLabel('Size');
    const sizes = await size.locator('option').allInnerTexts();
    await size.selectOption(sizes.includes('M') ? 'M' : sizes[0]!);
    await card.getByRole('button', { name: 'Add to cart' }).click();
    await replied(
      new RegExp(
        `Added 1 x ${name.replace(/[()]/g, '.')} \\(${colours.at(-1)}, size ${sizes.includes('M') ? 'M' : sizes[0]}\\)`,
      ),
    );
    await expect.poll(() => page.locator('.cart-button .count').innerText()).toBe('1');

    await page.getByRole('button', { name: /^Cart/ }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Your cart' }).innerText()).toContain(name);
    await page.getByRole('dialog', { name: 'Your cart' }).getByRole('button', { name: 'Checkout' }).click();
    await replied(/Where should I ship it\?/);
    await say('12 Market St, San Francisco, CA 94103');
    await replied(/email address or phone number/);
    await say('ana@example.com');
    await replied(/Say "yes" within 15 minutes to place the order/);
    await page.getByRole('button', { name: 'Yes, place the order' }).click();
    const order = page.locator('.order').last();
    await order.waitFor({ timeout: 15_000 });
    const id = (await order.locator('h3').innerText()).replace('Order ', '');
    expect(await order.innerText()).toMatch(/pending payment/i);
    const stored = await ctx.storage.orders.get(id);
    expect(stored?.items.map((i) => i.name)).toEqual([name]);
    await noSeriousA11yViolations('#sales-agent-chat');

    // A reload keeps the conversation and the same customer.
    await page.reload();
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expect
      .poll(() => page.locator('.messages').innerText(), { timeout: 10_000 })
      .toContain(`Order ${id}`);
  });

  it('a card starts on the size asked for and adds that size; amounts read as the replies write them', async () => {
    await open(`${api}/`);
    await say('show me hoodies in medium');
    const card = page.locator('.card').first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByLabel('Size').inputValue()).toBe('M');
    // The text only leads in: every product of the list is a card, none left out.
    const listed = page.locator('.msg.assistant').last().locator('.card');
    expect(await listed.count()).toBeGreaterThan(5);
    expect(await page.locator('.msg.assistant > p').last().innerText()).not.toContain(
      await card.locator('h3').innerText(),
    );
    const name = await card.locator('h3').innerText();
    const colour = await card.getByLabel('Colour').inputValue();
    await card.getByRole('button', { name: 'Add to cart' }).click();
    await replied(new RegExp(`Added 1 x ${name.replace(/[()]/g, '.')} \\(${colour}, size M\\)`));
    const me = (await page.evaluate(
      `JSON.parse(localStorage.getItem('sales-agent-chat:${api}')).user_id`,
    )) as string;
    const [line] = (await ctx.storage.carts.get(me)).items;
    expect(line).toMatchObject({ name, color: colour, size: 'M', quantity: 1 });

    // A size asked for that can't be ordered online is never the one a card starts on; the card says why.
    const second = await page.locator('.card').nth(1).locator('h3').innerText();
    const hoodies = await ctx.storage.products.search({ category: 'hoodies', limit: 200 });
    const product = (await ctx.storage.products.get(hoodies.find((p) => p.name === second)!.product_id))!;
    const medium = new Set(product.variants.filter((v) => v.size === 'M').map((v) => v.sku));
    const levels = await ctx.storage.inventory.stockForProduct(product.product_id);
    const online = levels.filter((l) => l.location_id === ONLINE_LOCATION && medium.has(l.sku));
    expect(online.some((l) => l.quantity > 0)).toBe(true);
    await ctx.storage.inventory.setStock(online.map((l) => ({ ...l, quantity: 0 })));
    try {
      await say('tell me more about the second one');
      const detail = page.locator('.msg.assistant').last().locator('.card');
      await detail.waitFor({ timeout: 15_000 });
      expect(await detail.locator('h3').innerText()).toBe(second);
      expect(await detail.locator('.note').innerText()).toBe('Size M is only in stores, not online.');
      const size = detail.getByLabel('Size');
      expect(await size.inputValue()).not.toBe('M');
      expect(await size.locator('option[value="M"]').isDisabled()).toBe(true);
      expect(await size.locator('option[value="M"]').innerText()).toBe('M (in stores only)');
    } finally {
      await ctx.storage.inventory.setStock(online);
    }

    // Prices on cards and in the cart as the shop writes them: "$1,299.99", never "$1299.99".
    const money = moneyFormatter(ctx.config.shop.currency, ctx.config.shop.locale);
    await say('show me laptops over $2000');
    const laptops = page.locator('.msg.assistant').last().locator('.card');
    await laptops.first().waitFor({ timeout: 15_000 });
    const first = await laptops.first().locator('h3').innerText();
    const priceOf = new Map(
      (await ctx.storage.products.search({ category: 'laptops', limit: 200 })).map((p) => [p.name, p.price]),
    );
    await expect.poll(() => laptops.first().locator('.price').innerText()).toBe(money(priceOf.get(first)!));
    const shown = await Promise.all(
      (await laptops.all()).map(async (c) => [
        await c.locator('h3').innerText(),
        await c.locator('.price').innerText(),
      ]),
    );
    expect(shown.length).toBeGreaterThan(0);
    for (const [laptop, price] of shown) {
      expect(priceOf.get(laptop!)).toBeGreaterThanOrEqual(2000);
      expect(price).toBe(money(priceOf.get(laptop!)!));
      expect(price).toMatch(/^\$\d{1,3}(,\d{3})+\.\d{2}$/);
    }
    await page.getByRole('button', { name: /^Cart/ }).click();
    await expect
      .poll(() => page.locator('.drawer .total').innerText())
      .toBe(`Subtotal ${money(line!.price)}`);
  });

  it('a card shows the price of the colour chosen, with the price before a sale only where the catalogue has one', async () => {
    // Not LAPTOP001, whose picture lives off this machine.
    const laptop = (await ctx.storage.products.search({ category: 'laptops', limit: 50 })).find(
      (p) => p.product_id !== 'LAPTOP001' && p.variants.length === 2,
    )!;
    const levels = await ctx.storage.inventory.stockForProduct(laptop.product_id);
    const [plain, sale] = laptop.variants as [ProductVariant, ProductVariant];
    const dear = { ...sale, price: laptop.price + 100, compare_at_price: laptop.price + 250 };
    const money = moneyFormatter(ctx.config.shop.currency, ctx.config.shop.locale);
    await ctx.storage.products.upsertMany([{ ...laptop, variants: [plain, dear] }]);
    await ctx.storage.inventory.setStock(
      [plain, dear].map((v) => ({
        sku: v.sku,
        product_id: laptop.product_id,
        location_id: ONLINE_LOCATION,
        quantity: 5,
      })),
    );
    try {
      await open(`${api}/`);
      await say(`tell me about the ${laptop.name}`);
      const card = page.locator('.msg.assistant').last().locator('.card');
      await card.waitFor({ timeout: 15_000 });
      await card.getByLabel('Colour').selectOption(plain.color!);
      await expect.poll(() => card.locator('.price').innerText()).toBe(money(laptop.price));
      expect(await card.locator('.price s').count()).toBe(0);
      await card.getByLabel('Colour').selectOption(dear.color!);
      await expect
        .poll(() => card.locator('.price').textContent())
        .toBe(`${money(dear.price)} was ${money(dear.compare_at_price)}`);
      // "was" is for screen readers, which don't say a line through.
      expect(await card.locator('.price s').textContent()).toBe(`was ${money(dear.compare_at_price)}`);
    } finally {
      await ctx.storage.products.upsertMany([laptop]);
      await ctx.storage.inventory.setStock(levels);
    }
  });

  it('a customer asks for a person; an operator claims it in the console, replies live and hands it back', async () => {
    await open(`${api}/`);
    const customer = page;
    await say('show me hoodies');
    await customer.locator('.card').first().waitFor({ timeout: 15_000 });
    await say('I want to talk to a real person please');
    await replied(/I've asked a person from the Bayside Goods team/);
    await customer.getByText('A person from the shop will reply here.').waitFor();

    const operator = await loopbackPage({ width: 1000, height: 700 });
    try {
      await operator.goto(`${api}/admin`);
      const waiting = operator
        .getByRole('navigation', { name: 'Conversations' })
        .getByRole('button', { name: /guest-/ });
      await waiting.first().waitFor({ timeout: 10_000 });
      await waiting.first().click();
      // The transcript shows the cards the customer saw, not only the words.
      const shown = await customer.locator('.card h3').allInnerTexts();
      await expect
        .poll(() => operator.locator('[data-seen]').first().innerText())
        .toContain(`Shown: ${shown[0]}`);
      await operator.getByRole('button', { name: 'Claim' }).click();
      await operator.getByText(/With a person \(local\)/).waitFor();
      await operator
        .getByLabel('Reply to the customer')
        .fill('Hi, this is Sam from Bayside. How can I help?');
      await operator.getByRole('button', { name: 'Send' }).click();

      // The customer sees it arrive, without reloading.
      await expect
        .poll(() => customer.locator('.msg.operator > p').last().innerText(), { timeout: 10_000 })
        .toBe('Hi, this is Sam from Bayside. How can I help?');
      await operator.getByRole('button', { name: 'Release to the assistant' }).click();
      await expect
        .poll(() => customer.locator('.msg.assistant > p').last().innerText(), { timeout: 10_000 })
        .toMatch(/handed this chat back to me/);
      await noSeriousA11yViolationsOn(operator);
    } finally {
      await operator.close();
    }
    await say('show me hoodies');
    await customer.locator('.card').first().waitFor({ timeout: 15_000 });
  });

  it('an operator moves an order along in the console: paid, then shipped with its tracking number', async () => {
    const [order] = await ctx.storage.orders.list({ status: 'pending_payment', limit: 1 });
    expect(order).toBeDefined();
    await open(`${api}/admin`);
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.getByRole('button', { name: 'Orders', exact: true }).click();
    await page.getByRole('button', { name: new RegExp(order!.order_id) }).click();
    await page.getByRole('button', { name: 'Mark paid' }).click();
    await expect.poll(() => page.locator('[data-order-status]').innerText()).toBe('paid');
    await page.getByLabel('Carrier').fill('UPS');
    await page.getByLabel('Tracking number').fill('1Z999AA10123456784');
    await page.getByRole('button', { name: 'Mark fulfilled' }).click();
    await expect.poll(() => page.locator('[data-order-status]').innerText()).toBe('fulfilled');
    expect(await ctx.storage.orders.get(order!.order_id)).toMatchObject({
      status: 'fulfilled',
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
    });
    await noSeriousA11yViolations();
  });

  it("the console shows a customer's tier, points and orders, and a product's stock in every store", async () => {
    await open(`${api}/admin`);
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.getByRole('button', { name: 'Customers', exact: true }).click();
    await page.getByRole('button', { name: /user123/ }).click();
    const alex = (await ctx.storage.customers.get('user123'))!;
    await expect
      .poll(() => page.locator('[data-customer="points"]').innerText())
      .toBe(String(alex.loyalty_points));
    expect(await page.locator('[data-customer="tier"]').innerText()).toBe(alex.loyalty_tier);
    const theirs = await ctx.storage.orders.listForUser('user123', 20);
    expect(await page.locator('[data-customer="orders"] li').count()).toBe(theirs.length);

    await page.getByRole('button', { name: 'Catalogue', exact: true }).click();
    await page.getByLabel('Search').fill('hoodie');
    await page.getByRole('button', { name: 'Find' }).click();
    const first = page.getByRole('navigation', { name: 'Products' }).locator('.inbox button').first();
    await first.waitFor();
    const id = /^([A-Z]+\d+) ·/m.exec(await first.innerText())?.[1] ?? '';
    expect(id).toMatch(/^HOOD/);
    await first.click();
    const units = (await ctx.storage.inventory.stockForProduct(id)).reduce((n, l) => n + l.quantity, 0);
    await expect.poll(() => page.locator('[data-stock-total]').innerText()).toBe(String(units));
    await noSeriousA11yViolations();
  });

  it('the analytics page draws every chart, and its totals are the API figures and the database counts', async () => {
    await open(`${api}/admin`);
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.getByRole('button', { name: 'Analytics' }).click();
    const charts = page.locator('canvas[data-chart]');
    await expect.poll(() => charts.count(), { timeout: 10_000 }).toBe(6);
    // Pixels drawn on each canvas (run in the page, as a string: the test's own code has no DOM types).
    const inked = (await page.evaluate(`[...document.getElementById('sales-agent-console').shadowRoot
      .querySelectorAll('canvas')].map((c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return [c.dataset.chart, n];
      })`)) as [string, number][];
    expect(inked).toHaveLength(6);
    for (const [name, n] of inked) expect(n, name).toBeGreaterThan(100);
    const figures = (await (await page.request.get(`${api}/api/admin/analytics`)).json()).analytics;
    const total = (key: string) => page.locator(`[data-total="${key}"]`).innerText();
    expect(await total('conversations')).toBe(String(figures.conversations.total));
    expect(await total('orders-paid')).toBe(String(figures.orders.paid));
    expect(await total('handoffs')).toBe(String(figures.handoffs.total));
    const money = moneyFormatter(ctx.config.shop.currency, ctx.config.shop.locale);
    await expect.poll(() => total('revenue')).toBe(money(figures.orders.revenue));
    // The same totals counted straight from the database.
    const db = (ctx.storage as SqliteStorage).db;
    const sessions = db
      .prepare(
        "SELECT count(DISTINCT session_id) AS n FROM conversation_messages WHERE role = 'assistant' AND json_extract(metadata, '$.intent') IS NOT NULL",
      )
      .get() as { n: number };
    expect(figures.conversations.total).toBe(sessions.n);
    const handoffs = db
      .prepare(
        "SELECT count(*) AS n FROM conversation_events WHERE type = 'status' AND json_extract(data, '$.status') = 'handoff'",
      )
      .get() as { n: number };
    expect(figures.handoffs.total).toBe(handoffs.n);
    expect(figures.handoffs.total).toBeGreaterThan(0);
    expect(figures.funnel.ordered).toBeGreaterThan(0);
    await noSeriousA11yViolations();
  });

  it('the console asks for an admin token or key when the server signs tokens, and keeps it in memory only', async () => {
    const SECRET = 'console-signin-secret-long-enough-for-hs256';
    const ADMIN_KEY = 'sk_admin_console_0123456789abcdef';
    const signed = await createTestContext({ JWT_SECRET: SECRET, ADMIN_API_KEYS: ADMIN_KEY });
    const guarded = await buildApp(signed, { logger: false });
    const url = await guarded.listen({ port: 0, host: '127.0.0.1' });
    try {
      await open(`${url}/admin`);
      const token = page.getByLabel('Admin token or API key');
      await token.waitFor({ timeout: 10_000 });
      await token.fill(signedIn(SECRET)('shopper')['authorization']!.slice(7));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('That is not an admin token or key.').waitFor();
      await token.fill(signedIn(SECRET)('sam', { role: 'admin' })['authorization']!.slice(7));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('tab', { name: 'Waiting for a person' }).waitFor();
      expect(await page.evaluate('localStorage.length + sessionStorage.length')).toBe(0);
      // An admin API key signs in too.
      await page.reload();
      await token.fill(ADMIN_KEY);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('tab', { name: 'Waiting for a person' }).waitFor();
    } finally {
      await guarded.close();
      await signed.close();
    }
  });

  it("forgets a signed-in customer when the shop's page no longer says who it is, and renews a lapsed guest", async () => {
    const SECRET = 'widget-signin-secret-long-enough-for-hs256';
    let origin = '';
    const site = createServer((req, res) => {
      const token = signedIn(SECRET)('customer010')['authorization']!.slice(7);
      const signedInAttrs = req.url?.includes('signed')
        ? ` data-token="${token}" data-user-id="customer010"`
        : '';
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Shop</h1></main>
<script src="${origin}/widget.js"${signedInAttrs}></script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const signed = await createTestContext({ JWT_SECRET: SECRET, CORS_ORIGINS: siteUrl });
    const server = await buildApp(signed, { logger: false });
    origin = await server.listen({ port: 0, host: '127.0.0.1' });
    const stored = () =>
      page.evaluate(`JSON.parse(localStorage.getItem('sales-agent-chat:${origin}') ?? 'null')`) as Promise<{
        user_id: string;
        token: string | null;
        expires_at?: string;
      } | null>;
    try {
      await open(`${siteUrl}/?signed`);
      await page.getByRole('button', { name: 'Chat with us' }).click();
      await say('show me hoodies');
      await page.locator('.card').first().waitFor({ timeout: 15_000 });
      // The customer's token is the shop page's, never kept by the widget.
      expect(await stored()).toMatchObject({ user_id: 'customer010', token: null });

      // Signed out: the same browser gets a guest, and none of the customer's conversation.
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Chat with us' }).click();
      await expect.poll(async () => (await stored())?.user_id ?? '').toMatch(/^guest-/);
      expect(await page.locator('.messages').innerText()).not.toContain('show me hoodies');

      // A guest whose token ran out is replaced by a fresh one, and the chat still answers.
      const lapsed = { ...(await stored())!, expires_at: '2020-01-01T00:00:00.000Z' };
      await page.evaluate(
        `localStorage.setItem('sales-agent-chat:${origin}', ${JSON.stringify(JSON.stringify(lapsed))})`,
      );
      await page.reload();
      await page.getByRole('button', { name: 'Chat with us' }).click();
      await expect.poll(async () => (await stored())?.user_id ?? '').not.toBe(lapsed.user_id);
      await say('hi');
      await expect
        .poll(() => page.locator('.msg.assistant > p').count(), { timeout: 15_000 })
        .toBeGreaterThan(1);
    } finally {
      await server.close();
      await signed.close();
      site.close();
    }
  });

  it("the shop's own chat page works by keyboard alone and passes the accessibility check", async () => {
    await open(`${api}/`);
    // Tab through the page (cart, conversation, suggestions) to the message box.
    const focused = () =>
      page.evaluate(`document.getElementById('sales-agent-chat').shadowRoot.activeElement?.id ?? ''`);
    for (let n = 0; n < 12 && (await focused()) !== 'chat-input'; n++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('chat-input');
    await page.keyboard.type('do you have headphones?');
    await page.keyboard.press('Enter');
    await page.locator('.card').first().waitFor({ timeout: 15_000 });
    await noSeriousA11yViolations();
  });
});
