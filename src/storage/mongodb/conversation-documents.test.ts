import { describe, expect, it } from 'vitest';
import { messageOf, newHead, toEvent, toHead } from './conversation-documents.js';

describe('conversation documents', () => {
  it('start a conversation with the assistant, and read its status time as its start until it moves', () => {
    const head = newHead('s1', 'u1', 'web', '2026-01-01T00:00:00.000Z', '2026-01-01T00:05:00.000Z');
    expect(head).toMatchObject({ _id: 's1', status: 'bot', status_at: null, metadata: {} });
    expect(toHead(head)).toEqual({
      session_id: 's1',
      user_id: 'u1',
      channel: 'web',
      status: 'bot',
      operator: null,
      handoff_reason: null,
      status_at: '2026-01-01T00:00:00.000Z',
      ticket_at: null,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:05:00.000Z',
    });
  });

  it('record a message as JSON keeps it', () => {
    const message = messageOf({
      role: 'assistant',
      content: 'hi',
      timestamp: 't',
      agent_name: null,
      metadata: { intent: 'greeting', ms: undefined },
    });
    expect(message).toEqual({
      role: 'assistant',
      content: 'hi',
      timestamp: 't',
      agent_name: null,
      metadata: { intent: 'greeting' },
    });
    expect(message.metadata).not.toHaveProperty('ms');
  });

  it('read an event without how it was stored', () => {
    const data = { status: 'handoff' as const, operator: null, reason: 'asked' };
    expect(toEvent({ id: 7, session_id: 's1', type: 'status', data, at: 't', for_operators: true })).toEqual({
      id: 7,
      session_id: 's1',
      type: 'status',
      data,
      at: 't',
    });
  });
});
