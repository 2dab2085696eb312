import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAppContext } from '../src/app/app-context.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/app/http.js';
import { createLogger } from '../src/logger.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MESSAGES = [
  'hi',
  'show me hoodies',
  'do you have headphones?',
  'what is in my cart',
  'how many points do I have',
];

/**
 * In a real browser (Debian's chromium), on the chat page: the time from pressing Enter to the first
 * words of the reply on screen (a streamed token when a model phrases, else the whole reply), per message.
 */
export async function browserFirstReply(dir: string, rounds: number): Promise<number[] | null> {
  if (!existsSync(CHROMIUM)) return null;
  const config = loadConfig({ SQLITE_PATH: join(dir, 'browser.db'), LOG_LEVEL: 'silent' });
  const ctx = await createAppContext(config, createLogger('silent'), { seedIfEmpty: true });
  const app = await buildApp(ctx, { logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  const times: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      const page = await browser.newPage();
      await page.goto(`${url}/`);
      const input = page.getByLabel('Your message');
      await page.getByRole('button', { name: 'Send' }).isEnabled();
      for (const message of MESSAGES) {
        await page.waitForFunction(
          `!document.getElementById('sales-agent-chat').shadowRoot.querySelector('.typing')`,
        );
        const before = await page.locator('.msg.assistant > p').count();
        await input.fill(message);
        const started = performance.now();
        await input.press('Enter');
        // Streamed words in the typing bubble, or the finished reply, whichever shows first.
        await page.waitForFunction(
          `(() => { const root = document.getElementById('sales-agent-chat').shadowRoot;
             return root.querySelectorAll('.msg.assistant > p:not(.typing)').length > ${before}; })()`,
          undefined,
          { polling: 'raf' },
        );
        times.push(performance.now() - started);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await app.close();
    await ctx.close();
  }
  return times;
}
