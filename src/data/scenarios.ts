import type { ConversationResult, SalesEngine } from '../engine.js';

/**
 * The project's conversation scenarios: whole conversations as customers write them, covering every
 * intent, vague and free-form messages, and a customer who writes in Spanish. The bench measures model
 * calls and prompt tokens per turn over them; tests play them end to end.
 */
export interface Scenario {
  name: string;
  user_id: string;
  messages: string[];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'laptop for work, picked up nearby',
    user_id: 'customer001',
    messages: [
      'hi',
      'I need a laptop for work under $1500',
      'tell me about the second one',
      'is it in stock near Oakland',
      'add it to my cart',
      "what's in my cart",
      'checkout',
      'thanks!',
    ],
  },
  {
    name: 'hoodie with a size and colour',
    user_id: 'customer002',
    messages: [
      'show me hoodies',
      'in medium',
      'add the first one',
      'black',
      'how many points do I have',
      'clear my cart',
    ],
  },
  {
    name: 'running shoes, cheaper, with points',
    user_id: 'customer004',
    messages: [
      'show me running shoes',
      'cheaper ones',
      'add the first one in size 10',
      'how many points do I have',
      'use 200 points',
      'checkout',
    ],
  },
  {
    name: 'a damaged order',
    user_id: 'customer005',
    messages: [
      'my order arrived damaged',
      'where is my order',
      'I want to return it',
      'can I talk to a person',
      'bye',
    ],
  },
  {
    name: 'vague gift hunting',
    user_id: 'guest-gift',
    messages: [
      'got anything cool for my dad?',
      'he likes music',
      'something under 80 bucks',
      'ok the first one',
      'put it in the basket',
      'what tier am I',
    ],
  },
  {
    name: 'a customer who writes in Spanish',
    user_id: 'guest-es',
    messages: ['hola', 'busco zapatos rojos', 'añade el primero al carrito', 'gracias'],
  },
  {
    name: 'rewards questions',
    user_id: 'customer003',
    messages: [
      'what rewards do I have',
      'how do I get to the next tier',
      'show me headphones',
      'the second one please, what colours does it come in',
      'add it',
      'redeem 500 points',
      'check out and ship it',
    ],
  },
  {
    name: 'small talk',
    user_id: 'guest-chat',
    messages: [
      'who are you?',
      'what can you do',
      'do you sell phones',
      'cool, show me the cheapest',
      'goodbye',
    ],
  },
];

/** Plays every scenario through the engine, one session per scenario, handing each turn's result on. */
export async function playScenarios(
  engine: SalesEngine,
  visit: (message: string, result: ConversationResult) => void,
): Promise<void> {
  for (const scenario of SCENARIOS) {
    let sessionId: string | undefined;
    for (const message of scenario.messages) {
      const result = await engine.processSalesConversation({
        userId: scenario.user_id,
        channel: 'web',
        message,
        ...(sessionId ? { sessionId } : {}),
      });
      sessionId = result.session_id;
      visit(message, result);
    }
  }
}
