import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { createSalesEngine } from '../engine.js';
import type { SqliteStorage } from '../storage/sqlite/index.js';
import { createShopContext } from '../shop/shop-context.js';
import { createTestContext } from '../testing/test-context.js';
import { createCheckpointer, migrateFlatCheckpoints } from '../storage/sqlite/checkpointer.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const db = () => (ctx.storage as SqliteStorage).db;
const say = (message: string, sessionId: string) =>
  ctx.engine.processSalesConversation({ userId: 'user123', channel: 'web', message, sessionId });

/** The raw JSON of a conversation's latest checkpoint, as LangGraph's SQLite checkpointer stored it. */
function latestCheckpoint(sessionId: string): string {
  const row = db()
    .prepare<[string], { checkpoint: Buffer | string }>(
      'SELECT checkpoint FROM checkpoints WHERE thread_id = ? ORDER BY checkpoint_id DESC LIMIT 1',
    )
    .get(sessionId);
  if (!row) throw new Error(`no checkpoint for ${sessionId}`);
  return row.checkpoint.toString();
}

/** What the next turn reads: the conversation's memory. */
const MEMORY = [
  'owner_id',
  'shown',
  'focus',
  'previous_focus',
  'slots',
  'pending',
  'asked_again',
  'queued',
  'delivery',
  'misunderstood',
  'last_order_id',
  'redeem_points',
  'last_intent',
  'turn',
  'language',
];

describe('the checkpoint keeps only what the next turn needs', () => {
  it('holds the conversation memory, not the transcript or one turn`s results', async () => {
    const s = 'ckpt-memory';
    const shown = await say('show me hoodies', s);
    expect(shown.data.products?.length).toBeGreaterThan(0);
    const raw = latestCheckpoint(s);
    const values = (JSON.parse(raw) as { channel_values: Record<string, unknown> }).channel_values;
    // LangGraph's own channels (`__pregel_tasks`, `branch:...`) aside, only the memory is kept.
    const kept = Object.keys(values).filter((k) => !k.startsWith('branch:') && !k.startsWith('__'));
    expect(kept).toEqual(['memory']);
    const memory = values.memory as Record<string, unknown>;
    expect(Object.keys(memory).sort()).toEqual([...MEMORY].sort());
    expect(memory.shown).toHaveLength(shown.data.products!.length);
    for (const gone of ['history', 'results', 'response', 'customer', 'customer_record', 'entities', 'work'])
      expect(JSON.stringify(values)).not.toContain(`"${gone}":`);
    // Plain JSON: read back without LangGraph's reviver.
    expect(raw).not.toContain('"lc":');
  });

  it('carries the memory into the next turn, also through an engine opened afresh on the same file', async () => {
    const s = 'ckpt-resume';
    const shown = await say('show me hoodies', s);
    const first = shown.data.products![0]!;
    const state = await ctx.engine.conversationState(s);
    expect(state?.shown[0]?.product_id).toBe(first.product_id);
    expect(state).not.toHaveProperty('results');

    const reopened = createSalesEngine({
      storage: ctx.storage,
      understander: ctx.understander,
      agents: ctx.agents,
      checkpointer: createCheckpointer(db()),
      settings: { confidence_threshold: ctx.config.agents.recommendation_agent.confidence_threshold },
      shop: createShopContext(ctx.config.shop, ctx.now, ctx.config.PAYMENT_PROVIDER),
    });
    const details = await reopened.processSalesConversation({
      userId: 'user123',
      channel: 'web',
      message: 'tell me about the first one',
      sessionId: s,
    });
    expect(details.current_intent).toBe('product_details');
    expect(details.data.product?.product_id ?? details.data.products?.[0]?.product_id).toBe(first.product_id);
  });

  it('answers from this turn`s results, and counts the cart the turn left', async () => {
    const s = 'ckpt-cart';
    await say('clear my cart', s);
    await say('show me laptops', s);
    let add = await say('add the first one', s);
    if (add.data.needs) add = await say(add.data.needs.colors[0]!, s);
    expect(add.cart_items_count).toBe(1);
    const view = await say('what is in my cart', s);
    expect(view.cart_items_count).toBe(1);
    expect(view.data.cart?.items).toHaveLength(1);
    // A turn that doesn't touch the cart still reports it.
    expect((await say('hi', s)).cart_items_count).toBe(1);
  });

  it('moves a conversation checkpointed field by field (before the memory channel) to the memory', async () => {
    const s = 'ckpt-legacy';
    const shown = await say('show me hoodies', s);
    const first = shown.data.products![0]!;
    // Rewrite the checkpoint the way the state used to be kept: a channel per field, transcript included.
    const row = db()
      .prepare<[string], { checkpoint_id: string; checkpoint: Buffer }>(
        'SELECT checkpoint_id, checkpoint FROM checkpoints WHERE thread_id = ? ORDER BY checkpoint_id DESC LIMIT 1',
      )
      .get(s)!;
    const checkpoint = JSON.parse(row.checkpoint.toString()) as { channel_values: Record<string, unknown> };
    const { memory, ...framework } = checkpoint.channel_values as { memory: Record<string, unknown> };
    checkpoint.channel_values = {
      ...framework,
      ...memory,
      history: [{ role: 'user', content: 'show me hoodies' }],
      results: { recommendation: { kind: 'not_found', query: null } },
      response: 'old',
    };
    db()
      .prepare('UPDATE checkpoints SET checkpoint = ? WHERE thread_id = ? AND checkpoint_id = ?')
      .run(Buffer.from(JSON.stringify(checkpoint)), s, row.checkpoint_id);
    expect(await ctx.engine.conversationState(s)).toMatchObject({ owner_id: null, shown: [] });

    expect(await migrateFlatCheckpoints(db())).toBe(1);
    expect(await migrateFlatCheckpoints(db())).toBe(0);
    const state = await ctx.engine.conversationState(s);
    expect(state?.owner_id).toBe('user123');
    expect(state?.shown[0]?.product_id).toBe(first.product_id);
    expect(state).not.toHaveProperty('history');
    await expect(
      ctx.engine.processSalesConversation({
        userId: 'customer001',
        channel: 'web',
        message: 'hi',
        sessionId: s,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const details = await say('tell me about the first one', s);
    expect(details.data.product?.product_id ?? details.data.products?.[0]?.product_id).toBe(first.product_id);
  });
});
