import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { caller, signedIn } from '../testing/api-calls.js';
import { startFakePlatforms } from '../testing/fake-platforms.js';
import { signWhatsApp, whatsAppPayload } from '../testing/whatsapp-webhook.js';
import { createTestContext } from '../testing/test-context.js';

// A person takes over a WhatsApp chat, end to end against the fake Graph API: the customer asks for
// one, the assistant goes quiet, the operator's replies reach WhatsApp - as the shop's approved
// template once the customer has been silent for more than 24 hours - and the chat goes back.
const SECRET = 'wa-handoff-test-secret-long-enough-for-hs256';
const APP_SECRET = 'wa-app-secret';
let fake: Awaited<ReturnType<typeof startFakePlatforms>>;
let ctx: AppContext;
let app: FastifyInstance;
let now = new Date('2026-12-01T09:00:00Z');
const call = caller(() => app);
/** The operator, signed in at the test's time. */
const ana = () => signedIn(SECRET, () => now)('ana', { role: 'admin' });

beforeAll(async () => {
  fake = await startFakePlatforms();
  ctx = await createTestContext(
    {
      JWT_SECRET: SECRET,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: 'wa-token',
      WHATSAPP_API_BASE_URL: `${fake.url}/v21.0`,
      WHATSAPP_PHONE_NUMBER_ID: 'PNID1',
      WHATSAPP_REPLY_TEMPLATE: 'operator_reply',
      WHATSAPP_TEMPLATE_LANGUAGE: 'en_GB',
    },
    { now: () => now },
  );
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  await fake.close();
});

let seq = 0;
/** The customer writes on WhatsApp; resolves once the message was handled. */
async function customerSays(text: string) {
  seq += 1;
  const body = whatsAppPayload([{ id: `wamid.H${seq}`, from: '15557654321', text }]);
  const signature = signWhatsApp(body, APP_SECRET);
  const res = await app.inject({
    method: 'POST',
    url: '/api/webhook/whatsapp',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    payload: body,
  });
  expect(res.statusCode).toBe(200);
  await ctx.channels.dispatcher.idle();
}

/** What was sent to the customer's WhatsApp since the last look. */
function sentSinceLastLook() {
  const sent = fake.calls
    .filter((c) => c.path === '/v21.0/PNID1/messages')
    .map((c) => JSON.parse(c.body) as { type: string; text?: { body: string } });
  fake.calls.length = 0;
  return sent;
}

describe('human handoff over WhatsApp', () => {
  it('goes quiet for a person, delivers their replies (a template after 24 hours) and hands back', async () => {
    await customerSays('can i talk to a real person please');
    const [told] = sentSinceLastLook();
    expect(told?.text?.body).toMatch(
      /I've asked a person from the Bayside Goods team to take over this chat/,
    );

    const queue = (await call('GET', '/api/admin/conversations?status=handoff', ana())).json();
    const session = queue.conversations.find((c: { channel: string }) => c.channel === 'whatsapp')
      ?.session_id as string;
    expect(session).toBeDefined();
    expect((await call('POST', `/api/admin/conversations/${session}/claim`, ana())).statusCode).toBe(200);

    const reply = 'Hi, Ana here. I can see your order -\nit leaves today.';
    const answered = await call('POST', `/api/admin/conversations/${session}/messages`, ana(), {
      text: reply,
    });
    expect(answered.json()).toEqual({ delivery: 'sent' });
    expect(sentSinceLastLook()).toMatchObject([{ to: '15557654321', type: 'text', text: { body: reply } }]);

    // The assistant stays silent; the customer's message is kept for Ana.
    await customerSays('great, and can you gift wrap it?');
    expect(sentSinceLastLook()).toEqual([]);
    const log = (await call('GET', `/api/admin/conversations/${session}`, ana())).json().conversation;
    expect(log.messages.at(-1)).toMatchObject({ role: 'user', content: 'great, and can you gift wrap it?' });

    // A day and more later, only an approved template may go: the reply fills its parameter.
    now = new Date(now.getTime() + 25 * 3_600_000);
    const late = await call('POST', `/api/admin/conversations/${session}/messages`, ana(), { text: reply });
    expect(late.json()).toEqual({ delivery: 'sent', template: 'operator_reply' });
    expect(sentSinceLastLook()).toMatchObject([
      {
        type: 'template',
        template: {
          name: 'operator_reply',
          language: { code: 'en_GB' },
          components: [
            {
              type: 'body',
              parameters: [{ type: 'text', text: 'Hi, Ana here. I can see your order - it leaves today.' }],
            },
          ],
        },
      },
    ]);

    // Handed back: the customer is told (as the template too, the window being closed) and the
    // assistant answers again.
    expect((await call('POST', `/api/admin/conversations/${session}/release`, ana())).statusCode).toBe(200);
    expect(sentSinceLastLook()).toMatchObject([
      {
        type: 'template',
        template: {
          components: [{ parameters: [{ text: expect.stringMatching(/handed this chat back to me/) }] }],
        },
      },
    ]);
    await customerSays('do you have hoodies?');
    const [answer] = sentSinceLastLook();
    expect(answer).toMatchObject({ type: 'text' });
    expect(answer?.text?.body).toMatch(/hoodie/i);
  });
});
