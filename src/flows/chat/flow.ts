import type { SalesStateType } from '../conversation.js';
import { vary } from '../../replies/phrasing.js';
import { aboutTheirReturn } from '../returns/handler.js';
import { aboutPlacedOrder } from '../orders/take-over.js';
import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS, PAUSE, SIGN_OFF } from './patterns.js';

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
  general_chat: (state) =>
    PAUSE.test(state.message.trim().replace(/[\s.!?…]+$/u, ''))
      ? [
          "No rush - take your time. I'm here when you're ready.",
          "Of course, take your time - I'm here when you're ready.",
        ]
      : [
          "I'm the shop's sales assistant. I can find products, compare options, check stock and delivery, manage your cart and your loyalty points. What would you like to do?",
          'I can help you shop: try "show me hoodies", "is it in stock near me?" or "what\'s in my cart?".',
        ],
};

/** "Without a language model I understand English only", in the customer's language where we have it. */
const ENGLISH_ONLY: Record<string, string> = {
  fr: "Désolé, sans modèle de langue je ne comprends que l'anglais. Pourriez-vous écrire votre message en anglais ?",
  es: 'Lo siento, sin un modelo de lenguaje solo entiendo inglés. ¿Podría escribir su mensaje en inglés?',
  de: 'Entschuldigung, ohne Sprachmodell verstehe ich nur Englisch. Könnten Sie Ihre Nachricht auf Englisch schreiben?',
  it: 'Mi dispiace, senza un modello linguistico capisco solo l’inglese. Potrebbe scrivere il messaggio in inglese?',
  pt: 'Desculpe, sem um modelo de linguagem só entendo inglês. Pode escrever a sua mensagem em inglês?',
  nl: 'Sorry, zonder taalmodel begrijp ik alleen Engels. Kunt u uw bericht in het Engels schrijven?',
};

/** What a turn that was not understood gets: a clarifying question (two in a row go to a person). */
function clarify(state: SalesStateType): string {
  if (state.unclear === 'foreign') {
    const english =
      'Sorry - without a language model I can only understand English. Could you write your message in English?';
    const local = state.language ? ENGLISH_ONLY[state.language] : undefined;
    return local ? `${local}\n\n${english}` : english;
  }
  const category = state.entities.category;
  return category
    ? `Sorry, I'm not sure what you'd like. Are you looking for ${category.replace(/-/g, ' ')}? Say "show me ${category.replace(/-/g, ' ')}", or tell me a bit more.`
    : "Sorry, I'm not sure I understood. I can find products, check stock, manage your cart and your points - what would you like to do?";
}

/** Greetings, thanks, goodbyes and small talk: the orchestrator answers alone. */
export const chat: Flow<'greeting' | 'goodbye' | 'thanks' | 'general_chat'> = {
  name: 'chat',
  intents: {
    greeting: { examples: examples.greeting, patterns: PATTERNS.greeting, small_talk: true, aside: true },
    goodbye: { examples: examples.goodbye, patterns: PATTERNS.goodbye, small_talk: true, says: SIGN_OFF },
    thanks: { examples: examples.thanks, patterns: PATTERNS.thanks, small_talk: true, aside: true },
    general_chat: {
      examples: examples.general_chat,
      patterns: PATTERNS.general_chat,
      generic_reply: true,
      small_talk: true,
      fallback: true,
      continues: true,
      aside: true,
      says: PAUSE,
    },
  },
  route: { primary: 'orchestrator', secondary: [] },
  // Not understood, but about one of the customer's orders (its refund, a change to it) or naming something
  // they could send back with return words: that order, or their return.
  handOver: async (turn) =>
    turn.state.unclear !== 'unsure'
      ? null
      : ((await aboutPlacedOrder(turn)) ?? ((await aboutTheirReturn(turn)) ? 'return_request' : null)),
  reply: (state, ctx) =>
    state.unclear ? clarify(state) : vary(ctx.seed, REPLIES[state.intent]?.(state) ?? []),
};

declare module '../intent.js' {
  interface Intents {
    greeting: true;
    goodbye: true;
    thanks: true;
    general_chat: true;
  }
}
