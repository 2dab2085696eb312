import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { RENAME_CHANNEL_SESSIONS } from '../storage/sqlite/legacy-schema.js';
import { createTestContext } from '../testing/test-context.js';
import type { InboundMessage } from './types.js';

const message = (text: string, n: number): InboundMessage => ({
  channel: 'whatsapp',
  message_id: `wamid.${n}`,
  from: '15551234567',
  identity: 'phone',
  text,
  reply_to: 'PHONE_ID',
});

describe('channel conversations', () => {
  it('live under a random session id, the same for every message from one sender', async () => {
    const ctx = await createTestContext();
    const first = await ctx.channels.dispatcher.reply(message('show me hoodies', 1));
    const second = await ctx.channels.dispatcher.reply(message('add the first one', 2));
    expect(first.session_id).toMatch(/^whatsapp-[0-9a-f]{24}$/);
    expect(first.session_id).not.toContain('5551234567');
    expect(second.session_id).toBe(first.session_id);
    expect(second.current_intent).toBe('add_to_cart');
    await ctx.close();
  });

  it('named after the phone number by an earlier version move to a random id, memory and all', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sessions-')), 'sales.db');
    // An earlier version's conversation: its session id is the channel and the phone number.
    let ctx = await createTestContext({ SQLITE_PATH: path });
    const old = 'whatsapp-15551234567';
    const shown = await ctx.engine.processSalesConversation({
      userId: 'phone:15551234567',
      channel: 'whatsapp',
      message: 'show me hoodies',
      sessionId: old,
    });
    expect(shown.data.products?.length).toBeGreaterThan(0);
    await ctx.close();
    // What the migration does to such a database, on opening it.
    const db = new Database(path);
    db.transaction(() => db.exec(RENAME_CHANNEL_SESSIONS))();
    db.close();

    ctx = await createTestContext({ SQLITE_PATH: path });
    expect(await ctx.storage.conversations.get(old)).toBeNull();
    expect(await ctx.engine.conversationState(old)).toBeNull();
    const next = await ctx.channels.dispatcher.reply(message('add the first one', 3));
    expect(next.session_id).toMatch(/^whatsapp-[0-9a-f]{24}$/);
    // The list shown before the move is still what "the first one" means.
    expect(next.data.cart?.items[0]?.product_id ?? next.data.needs?.product_id).toBe(
      shown.data.products![0]!.product_id,
    );
    const log = await ctx.storage.conversations.get(next.session_id);
    expect(log?.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([
      'show me hoodies',
      'add the first one',
    ]);
    await ctx.close();
  });
});
