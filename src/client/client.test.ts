import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { createTestContext } from '../testing/test-context.js';
import { SalesAgentClient, SalesAgentError } from './index.js';

let ctx: AppContext;
let app: FastifyInstance;
let client: SalesAgentClient;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx, { logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  client = new SalesAgentClient({ baseUrl: url });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('SalesAgentClient against a running server', () => {
  it('chats, streams and reads the transcript', async () => {
    const first = await client.chat({ user_id: 'sdk-user', message: 'show me laptops' });
    expect(first.data.products?.length).toBeGreaterThan(0);
    const steps: string[] = [];
    const next = await client.chatStream(
      { user_id: 'sdk-user', message: 'add the first one', session_id: first.session_id },
      (e) => e.kind === 'progress' && steps.push(e.node),
    );
    expect(next.current_intent).toBe('add_to_cart');
    expect(steps).toContain('execute_agent');
    expect((await client.conversation(first.session_id)).messages).toHaveLength(4);
  });

  it('covers cart, catalogue, inventory, loyalty, identities and health', async () => {
    expect(
      (
        await client.cartOperation({
          action: 'add',
          user_id: 'sdk-2',
          product_id: 'LAPTOP001',
          color: 'silver',
        })
      ).status,
    ).toBe('added');
    expect((await client.cartOperation({ action: 'view', user_id: 'sdk-2' })).cart?.item_count).toBe(1);
    expect(
      (await client.recommendations({ user_id: 'sdk-2', category: 'phones', limit: 3 })).products,
    ).toHaveLength(3);
    expect((await client.checkInventory({ product_id: 'LAPTOP001' })).product_id).toBe('LAPTOP001');
    expect((await client.loyalty({ user_id: 'user123' })).tier).toBeDefined();
    expect((await client.product('LAPTOP001')).name).toContain('ProBook');
    expect((await client.searchProducts({ q: 'hoodie', limit: 2 })).count).toBe(2);
    // No SMS or WhatsApp here to send the code over: said as such.
    await expect(
      client.linkIdentity({ user_id: 'sdk-2', kind: 'phone', value: '+15550100200' }),
    ).rejects.toMatchObject({ status: 503, code: 'CHANNEL_NOT_CONFIGURED' });
    expect((await client.health()).status).toBe('healthy');
  });

  it('raises typed errors naming the field', async () => {
    const error = await client.chat({ user_id: 'sdk-user', message: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesAgentError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'body.message' });
    await expect(client.product('NOPE')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
