import type { Understander } from '../nlu/port.js';
import type { FakeAnswer, FakeChatRequest } from './fake-mistral.js';

/** Words of the test conversations' Spanish, enough for the fake to understand them. */
const SPANISH: Record<string, string> = {
  hola: 'hello',
  quiero: 'I want',
  busco: 'show me',
  zapatos: 'shoes',
  zapatillas: 'shoes',
  portátil: 'laptop',
  portatiles: 'laptops',
  portátiles: 'laptops',
  rojos: 'red',
  negros: 'black',
  añade: 'add',
  primero: 'first one',
  'al carrito': 'to my cart',
  carrito: 'cart',
  'mis puntos': 'my points',
  gracias: 'thanks',
};
const SPANISH_HINT = /\b(hola|quiero|busco|añade|gracias|mis|zapatos|carrito|por favor)\b/i;

const toEnglish = (text: string) =>
  Object.entries(SPANISH).reduce((t, [es, en]) => t.replace(new RegExp(`\\b${es}\\b`, 'giu'), en), text);

/**
 * A stand-in model for tests and the bench: understands by running the offline NLU on the message
 * (translating the test conversations' Spanish first) and phrases by restating the FACTS it was given,
 * in Spanish when asked for Spanish. It never invents numbers; tests that need that script it.
 */
export function createFakeModelBrain(
  offline: Understander,
  options: { reply?: (facts: string, request: FakeChatRequest) => string } = {},
) {
  return async (request: FakeChatRequest): Promise<FakeAnswer> => {
    const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
    const message = request.messages.at(-1)?.content ?? '';
    if (request.schema) {
      const spanish = SPANISH_HINT.test(message);
      const u = await offline.understand(spanish ? toEnglish(message) : message);
      const e = u.entities;
      const ref = e.reference;
      return {
        content: JSON.stringify({
          intent: u.intent,
          confidence: 0.9,
          language: spanish ? 'es' : 'en',
          category: e.category ?? null,
          brand: e.brand ?? null,
          color: e.color ?? null,
          size: e.size ?? null,
          quantity: e.quantity ?? null,
          price_min: e.price_min ?? null,
          price_max: e.price_max ?? null,
          price_direction: e.price_direction ?? null,
          points: e.points ?? null,
          fulfilment: e.fulfilment ?? null,
          place: e.location?.name ?? null,
          query: e.query ?? null,
          reference: !ref
            ? null
            : ref.kind === 'ordinal'
              ? { kind: 'ordinal', position: ref.index + 1, value: null }
              : ref.kind === 'id'
                ? { kind: 'id', position: null, value: ref.product_id }
                : ref.kind === 'name'
                  ? { kind: 'name', position: null, value: ref.text }
                  : { kind: ref.kind, position: null, value: null },
        }),
      };
    }
    const facts = system.split('FACTS:\n')[1] ?? '';
    if (options.reply) return { content: options.reply(facts, request) };
    return { content: /Reply to the customer in Spanish/.test(system) ? `¡Claro! ${facts}` : facts };
  };
}
