import { describe, expect, it } from 'vitest';
import type { Order } from '../../domain/types.js';
import examples from './examples.json' with { type: 'json' };
import { cannotIn } from './cannot.js';
import { asksRefund } from './refund.js';

// The changes that can't be made are recognised by what they ask, in any wording close to these - and a
// request to cancel, or to change an address, is never taken for one.
describe('a change that cannot be made', () => {
  it.each([
    ['can you undo the cancellation', 'uncancel'],
    ['uncancel ORD-5A3F0301', 'uncancel'],
    ['I cancelled it by accident, can I get it back?', 'uncancel'],
    ["i didn't mean to cancel my order", 'uncancel'],
    ['please reactivate my cancelled order', 'uncancel'],
    ['swap the size in my order to L', 'items'],
    ['can i change the jacket in my order to a large', 'items'],
    ['remove the dutch oven from my order', 'items'],
    ['add another item to my existing order', 'items'],
    ['can you upgrade my order to express shipping', 'delivery'],
    ['switch my order to pickup instead', 'delivery'],
  ])('%s -> %s', (message, what) => {
    expect(cannotIn(message, 'change_order', {})).toBe(what);
  });

  it('never takes a request to cancel an order for one', () => {
    const partial = /\bpart of\b/;
    for (const message of examples.cancel_order.filter((m) => !partial.test(m)))
      expect([message, cannotIn(message, 'cancel_order', {})]).toEqual([message, null]);
  });

  it.each([
    'change the address of my order to 12 Oak St, Oakland, CA 94607',
    'please deliver it to 9 Elm Road, Oakland, CA 94607 instead of pickup',
    'wrong flat number on my order',
    'send my order to my office instead',
  ])('leaves an address change to the flow that makes it: %s', (message) => {
    expect(cannotIn(message, 'change_order', {})).toBeNull();
  });
});

describe('a refund asked about', () => {
  const cancelled = { order_id: 'ORD-5A3F0301', status: 'cancelled', created_at: '2026-11-02' } as Order;
  const delivered = { order_id: 'ORD-5A3F0201', status: 'delivered', created_at: '2026-10-01' } as Order;
  const orders = async () => [cancelled, delivered];

  it.each([
    'when do I get my refund for the order I cancelled?',
    'was I charged for the cancelled order',
    'refund status for ORD-5A3F0301',
    'how long does a refund take after cancelling?',
  ])('is one about a cancellation made: %s', async (message) => {
    expect(await asksRefund(message, orders)).toBe(true);
  });

  it.each([
    'cancel my order and refund me',
    'I want a refund, cancel the order',
    'where is my refund',
    'refund status for ORD-5A3F0201',
    'I want ORD-5A3F0201 cancelled and refunded please',
    'can order ORD-5A3F0201 be cancelled and refunded?',
    'i need my order cancelled and my money back',
  ])('is not, when it asks to cancel or names no cancelled order: %s', async (message) => {
    expect(await asksRefund(message, orders)).toBe(false);
  });

  it('is, bare, when the latest order was cancelled and nothing shipped could be returned', async () => {
    expect(await asksRefund('where is my refund', async () => [cancelled])).toBe(true);
    const later = { ...delivered, created_at: '2026-11-20' };
    expect(await asksRefund('where is my refund', async () => [cancelled, later])).toBe(false);
  });
});
