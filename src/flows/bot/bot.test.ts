import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app/app-context.js';
import { createTestContext } from '../../testing/test-context.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

describe('the bot flow', () => {
  it.each(['are you a bot?', 'am I talking to a human?', 'are you a robot or a real person'])(
    'answers "%s" truthfully',
    async (message) => {
      const reply = await ctx.engine.processSalesConversation({
        userId: 'user123',
        channel: 'web',
        message,
        sessionId: `bot-${message.length}`,
      });
      expect(reply.current_intent).toBe('bot_identity');
      expect(reply.response).toMatch(/automated|bot/i);
      expect(reply.data.products).toBeUndefined();
    },
  );
});
