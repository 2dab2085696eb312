import { describe, expect, it } from 'vitest';
import type { Understood } from '../flow.js';
import { orders } from './flow.js';
import type { PendingOrder } from './pending.js';

// Answers to "Cancel order ORD-...? Reply yes to cancel it, or no to keep it.", in customers' words,
// whatever the understanding made of them.
const pending: PendingOrder = {
  action: 'cancel_order',
  order_id: 'ORD-5A3F0201',
  status: 'paid',
  choices: [],
};
const read = (intent: Understood['intent']): Understood => ({
  intent,
  confidence: 0.9,
  entities: {},
  source: 'test',
});
const answer = (message: string, intent: Understood['intent'] = 'cancel_order') =>
  orders.answers!(pending, message, read(intent));

describe('answers to "cancel this order?"', () => {
  it.each(['yes, cancel it', 'yep go ahead and cancel', 'ok do it', 'yes please cancel ORD-5A3F0201'])(
    'a yes with more words is a yes: %s',
    (message) => expect(answer(message)).toBe('yes'),
  );

  it.each(['no, keep it', "wait don't cancel", 'hmm not sure'])('a no is a no: %s', (message) =>
    expect(answer(message)).toBe('no'),
  );

  it('a yes about another order is no yes to this one', () => {
    expect(answer('yes cancel ORD-5A3F0202 instead')).toBe('detail');
  });

  it('a bare repeat of the request is not taken for a yes', () => {
    expect(answer('cancel my order')).not.toBe('yes');
  });
});
