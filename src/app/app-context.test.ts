import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../testing/test-context.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the app context', () => {
  it('starts no timers of its own: the server starts the background jobs', async () => {
    const every = vi.spyOn(globalThis, 'setInterval');
    const ctx = await createTestContext({ TELEGRAM_WEBHOOK_SECRET: 'secret', TELEGRAM_BOT_TOKEN: 'token' });
    try {
      expect(every).not.toHaveBeenCalled();
    } finally {
      await ctx.close();
    }
  });
});
