import type { SalesStateType } from '../../graph/state.js';
import { vary } from '../../replies/phrasing.js';
import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };

const firstName = (state: SalesStateType): string | null =>
  state.customer && !state.customer.is_guest ? (state.customer.name.split(' ')[0] ?? null) : null;

const REPLIES: Record<string, (state: SalesStateType) => readonly string[]> = {
  greeting: (state) => {
    const name = firstName(state);
    return [
      `Hi${name ? ` ${name}` : ''}! I can help you find products, check stock near you, manage your cart and use your rewards. What are you shopping for today?`,
      `Hello${name ? ` ${name}` : ''}! Looking for something in particular? I can recommend products, check availability or sort out your cart.`,
    ];
  },
  thanks: () => [
    "You're welcome! Anything else I can help with?",
    'Happy to help! Let me know if you need anything else.',
  ],
  goodbye: () => [
    'Bye for now - your cart will be here when you come back!',
    'Thanks for stopping by. See you soon!',
  ],
  general_chat: () => [
    "I'm the shop's sales assistant. I can find products, compare options, check stock and delivery, manage your cart and your loyalty points. What would you like to do?",
    'I can help you shop: try "show me hoodies", "is it in stock near me?" or "what\'s in my cart?".',
  ],
};

/** Greetings, thanks, goodbyes and small talk: the orchestrator answers alone. */
export const chat: Flow<'greeting' | 'goodbye' | 'thanks' | 'general_chat'> = {
  name: 'chat',
  intents: {
    greeting: { examples: examples.greeting },
    goodbye: { examples: examples.goodbye },
    thanks: { examples: examples.thanks },
    general_chat: { examples: examples.general_chat, continues: true },
  },
  route: { primary: 'orchestrator', secondary: [] },
  reply: (state, ctx) => vary(ctx.seed, REPLIES[state.intent]?.(state) ?? []),
};
