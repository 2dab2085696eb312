import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from './app/app-context.js';
import { isAppError } from './errors.js';
import { isIntent } from './flows/registry.js';
import { createTestContext, sharedUnderstander } from './testing/test-context.js';

const INTERNALS = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  'then',
];
const SHOP_WORDS = [
  'add',
  'the first one',
  'hoodie',
  'in black',
  'make that',
  'remove',
  'checkout',
  'yes',
  '2',
  '-5',
];

/** Random, adversarial and object-internal text: the things customers and attackers really send. */
const message = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(fc.oneof(fc.constantFrom(...INTERNALS, ...SHOP_WORDS), fc.string({ maxLength: 12 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((words) => words.join(' ')),
  fc.string({ minLength: 300, maxLength: 3000, unit: 'grapheme-ascii' }).map((w) => w.replace(/\s/g, 'x')),
  fc.constantFrom(
    '🛒🛒🛒',
    '👟 size 9 pls 🙏',
    'Привет, 你好, مرحبا hoodie',
    'I want a constructor',
    '\u0000\u202e',
  ),
);

describe('any text gets an answer', () => {
  it('the understanding answers every message with a known intent and a sane confidence', async () => {
    const nlu = await sharedUnderstander();
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        const u = await nlu.understand(text);
        expect(isIntent(u.intent)).toBe(true);
        expect(u.confidence).toBeGreaterThanOrEqual(0);
        expect(u.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });

  describe('the whole turn', () => {
    let ctx: AppContext;
    beforeAll(async () => {
      ctx = await createTestContext();
    });
    afterAll(async () => ctx.close());

    it('replies to every message, or refuses it with a clear error, and never crashes', async () => {
      let turn = 0;
      await fc.assert(
        fc.asyncProperty(message, async (text) => {
          turn += 1;
          try {
            const reply = await ctx.engine.processSalesConversation({
              userId: 'fuzz-user',
              channel: 'web',
              message: text,
              // A few long conversations, so dialogue state built by earlier noise is fuzzed too.
              sessionId: `fuzz-${turn % 7}`,
            });
            expect(reply.has_errors).toBe(false);
            // Answered, or kept for the person some earlier noise asked for.
            expect(reply.response.length > 0 || reply.data.handoff !== undefined).toBe(true);
          } catch (error) {
            // Only malformed input may be refused, and then as the customer's error, never ours.
            expect(isAppError(error) && error.category === 'user').toBe(true);
          }
        }),
        { numRuns: 1000 },
      );
    }, 120_000);
  });
});
