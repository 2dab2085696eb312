import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelConnector, OutboundMessage } from '../channels/types.js';
import type { Storage } from '../storage/ports.js';
import { createSqliteStorage } from '../storage/sqlite/index.js';
import { createCustomerNotices } from './customer-notices.js';

/** A platform that keeps what it is asked to send, or refuses. */
function platform(channel: 'whatsapp' | 'sms' | 'telegram', fail = false) {
  const sent: OutboundMessage[] = [];
  const connector: ChannelConnector = {
    channel,
    textLimit: 40,
    verify: () => true,
    parse: () => [],
    async send(message) {
      if (fail) throw new Error('platform down');
      sent.push(message);
    },
  };
  return { connector, sent };
}

const hello = {
  role: 'user' as const,
  content: 'hi',
  timestamp: '2026-11-30T10:00:00Z',
  agent_name: null,
  metadata: {},
};
const from = { agent: 'orders', tag: 'order' };
/** Two hours after the customer's "hi": WhatsApp's window is open. */
const soon = new Date('2026-11-30T12:00:00Z');

describe('customer notices', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await createSqliteStorage(':memory:');
  });
  afterEach(() => storage.close());

  it('keeps the notice in the conversation and sends it on the channel it lives on, split to fit', async () => {
    const whatsapp = platform('whatsapp');
    const sms = platform('sms');
    const notices = createCustomerNotices(
      storage,
      { whatsapp: whatsapp.connector, sms: sms.connector },
      { whatsappFrom: 'PNID1', smsFrom: '+15550009999', now: () => soon },
    );
    const wa = await storage.channels.sessionFor('whatsapp', '15551234567');
    await storage.conversations.append(wa, 'phone:+15551234567', 'whatsapp', [hello]);
    const text = 'Your payment for order ORD-1 arrived late, so it was refunded in full.';
    expect(await notices.tell(wa, text, from)).toBe('sent');
    expect(whatsapp.sent.map((m) => m.text).join(' ')).toBe(text);
    expect(whatsapp.sent[0]).toMatchObject({ to: '15551234567', reply_from: 'PNID1' });
    expect(whatsapp.sent.every((m) => m.text.length <= 40)).toBe(true);
    const log = await storage.conversations.get(wa);
    expect(log?.messages.at(-1)).toMatchObject({ role: 'assistant', content: text, agent_name: 'orders' });

    // SMS senders are kept as digits; Twilio is given E.164.
    const text2 = await storage.channels.sessionFor('sms', '15557654321');
    await storage.conversations.append(text2, 'phone:+15557654321', 'sms', [hello]);
    expect(await notices.tell(text2, 'Refunded.', from)).toBe('sent');
    expect(sms.sent[0]).toMatchObject({ to: '+15557654321', reply_from: '+15550009999', text: 'Refunded.' });
  });

  it('only stores it for a web conversation, and says when a channel cannot be reached', async () => {
    const down = platform('whatsapp', true);
    const notices = createCustomerNotices(
      storage,
      { whatsapp: down.connector },
      { whatsappFrom: 'PNID1', now: () => soon },
    );
    await storage.conversations.append('web-1', 'u1', 'web', [hello]);
    expect(await notices.tell('web-1', 'Refunded.', from)).toBe('stored');
    expect((await storage.conversations.get('web-1'))?.messages).toHaveLength(2);
    expect(await notices.tell('nobody', 'Refunded.', from)).toBe('no_conversation');

    const wa = await storage.channels.sessionFor('whatsapp', '15551234567');
    await storage.conversations.append(wa, 'phone:+15551234567', 'whatsapp', [hello]);
    expect(await notices.tell(wa, 'Refunded.', from)).toBe('not_sent');
    // Kept all the same: the transcript shows what the customer should have been told.
    expect((await storage.conversations.get(wa))?.messages.at(-1)?.content).toBe('Refunded.');
    // Telegram not set up at all.
    const tg = await storage.channels.sessionFor('telegram', '998877');
    await storage.conversations.append(tg, 'telegram:998877', 'telegram', [hello]);
    expect(await notices.tell(tg, 'Refunded.', from)).toBe('not_sent');
  });

  it('writes on WhatsApp after 24 hours only as the approved template, and keeps it otherwise', async () => {
    const later = new Date('2026-12-01T10:00:01Z');
    const wa = await storage.channels.sessionFor('whatsapp', '15551234567');
    await storage.conversations.append(wa, 'phone:+15551234567', 'whatsapp', [hello]);
    const plain = platform('whatsapp');
    const none = createCustomerNotices(
      storage,
      { whatsapp: plain.connector },
      { whatsappFrom: 'PNID1', now: () => later },
    );
    expect(await none.tell(wa, 'Your return was received.', from)).toBe('not_sent');
    expect(plain.sent).toEqual([]);
    expect((await storage.conversations.get(wa))?.messages.at(-1)?.content).toBe('Your return was received.');

    const template = { name: 'shop_update', language: 'en_US' };
    const templated = platform('whatsapp');
    const notices = createCustomerNotices(
      storage,
      { whatsapp: templated.connector },
      { whatsappFrom: 'PNID1', whatsappTemplate: template, now: () => later },
    );
    expect(await notices.tell(wa, 'Your refund is on its way.', from)).toBe('sent');
    expect(templated.sent).toEqual([
      { to: '15551234567', reply_from: 'PNID1', text: 'Your refund is on its way.', template },
    ]);
    // Inside the window the same shop writes plain text.
    const fresh = createCustomerNotices(
      storage,
      { whatsapp: templated.connector },
      { whatsappFrom: 'PNID1', whatsappTemplate: template, now: () => soon },
    );
    expect(await fresh.tell(wa, 'Hi again.', from)).toBe('sent');
    expect(templated.sent.at(-1)).toEqual({ to: '15551234567', reply_from: 'PNID1', text: 'Hi again.' });
  });
});
