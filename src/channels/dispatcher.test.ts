import { afterEach, describe, expect, it } from 'vitest';
import type { SalesEngine } from '../engine.js';
import { createSqliteStorage, type SqliteStorage } from '../storage/sqlite/index.js';
import { createChannelDispatcher } from './dispatcher.js';
import type { ChannelConnector, InboundMessage, OutboundMessage } from './types.js';

const T0 = Date.parse('2026-12-07T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const REPLY = 'First part of the reply.\n\nSecond part of it.\n\nThird and last.';

let storage: SqliteStorage;
afterEach(() => storage.close());

/** An SMS connector that keeps what it sends, in parts of at most 30 characters. */
function connector(sent: OutboundMessage[]): ChannelConnector {
  return {
    channel: 'sms',
    textLimit: 30,
    verify: () => true,
    parse: () => [],
    send: async (message) => void sent.push(message),
  };
}

const message: InboundMessage = {
  channel: 'sms',
  message_id: 'SM1',
  from: '+15550001111',
  identity: 'phone',
  text: 'tell me everything',
  reply_to: '+15550009999',
};

describe('a reply cut off by a crash', () => {
  it('is sent again from the part in flight, with the saved reply, and no second turn', async () => {
    storage = await createSqliteStorage(':memory:');
    let turns = 0;
    const engine = {
      processSalesConversation: async () => {
        turns += 1;
        throw new Error('a second turn');
      },
    } as unknown as SalesEngine;
    // The dead process answered the message (its turn is in the transcript), and the platform took the
    // first part of the reply; the second was in flight when it died.
    const dead = { owner: 'dead', now: at(0).toISOString(), until: at(120).toISOString() };
    await storage.channels.receiveMessage('sms', 'SM1', message, dead);
    await storage.channels.linkIdentity('phone', message.from, 'phone:+15550001111');
    const session = await storage.channels.sessionFor('sms', '15550001111');
    await storage.conversations.append(session, 'phone:+15550001111', 'sms', [
      {
        role: 'user',
        content: message.text,
        timestamp: dead.now,
        agent_name: null,
        metadata: { channel_message_id: 'SM1' },
      },
      { role: 'assistant', content: REPLY, timestamp: dead.now, agent_name: 'orchestrator', metadata: {} },
    ]);
    expect(await storage.channels.markSending('sms', 'SM1', dead)).toBe(true);
    await storage.channels.markSent('sms', 'SM1', 1, false);
    expect(await storage.channels.markSending('sms', 'SM1', dead)).toBe(true);

    const sent: OutboundMessage[] = [];
    const dispatcher = createChannelDispatcher({
      engine,
      channels: storage.channels,
      conversations: storage.conversations,
      now: () => at(121),
    });
    // Still leased to the dead process: nothing yet.
    expect(
      await createChannelDispatcher({
        engine,
        channels: storage.channels,
        conversations: storage.conversations,
        now: () => at(60),
      }).recover({ sms: connector(sent) }),
    ).toBe(0);
    expect(await dispatcher.recover({ sms: connector(sent) })).toBe(1);
    await dispatcher.idle();
    expect(sent.map((m) => m.text)).toEqual(['Second part of it.', 'Third and last.']);
    expect(sent[0]).toMatchObject({ to: message.from, reply_from: message.reply_to });
    expect(turns).toBe(0);
    expect(await storage.channels.messageStatus('sms', 'SM1')).toBe('processed');
    // Answered: a redelivery is a duplicate, and recovery finds nothing more.
    expect(await dispatcher.recover({ sms: connector(sent) })).toBe(0);
  });
});

describe('a number that joined an account', () => {
  it('is answered even when moving its conversation fails', async () => {
    storage = await createSqliteStorage(':memory:');
    const guest = 'phone:+15550001111';
    const session = await storage.channels.sessionFor('sms', '15550001111');
    await storage.conversations.append(session, guest, 'sms', [
      { role: 'user', content: 'hi', timestamp: at(0).toISOString(), agent_name: null, metadata: {} },
    ]);
    // The number now belongs to an account, and the move of its conversation breaks.
    await storage.channels.linkIdentity('phone', message.from, 'customer007');
    const asked: { userId?: string; sessionId?: string }[] = [];
    const engine = {
      processSalesConversation: async (input: { userId: string; sessionId: string }) => {
        asked.push(input);
        return { response: 'Hello again!', data: {} };
      },
    } as unknown as SalesEngine;
    const sent: OutboundMessage[] = [];
    const dispatcher = createChannelDispatcher({
      engine,
      channels: storage.channels,
      conversations: storage.conversations,
      handover: {
        adopt: async () => {
          throw new Error('the cart store is down');
        },
      },
      now: () => at(1),
    });
    await dispatcher.accept(connector(sent), [{ ...message, message_id: 'SM2' }]);
    await dispatcher.idle();
    expect(sent.map((m) => m.text)).toEqual(['Hello again!']);
    expect(asked[0]?.userId).toBe('customer007');
    expect(asked[0]?.sessionId).not.toBe(session);
    expect(await storage.channels.messageStatus('sms', 'SM2')).toBe('processed');
  });
});
