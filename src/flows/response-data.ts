import type { SalesStateType } from './conversation.js';
import { cardsOf, withChoices, type ResponseData } from './cards.js';
import { flowOf } from './registry.js';

/** A turn's structured data: what was understood, and the cards of the flow that answered. */
export function responseData(state: SalesStateType): ResponseData {
  const flow = flowOf(state.intent);
  const cards = flow.cards ? flow.cards(state) : cardsOf(state.results);
  const asked = {
    color: state.entities.color ?? state.slots.color,
    size: state.entities.size ?? state.slots.size,
  };
  return {
    understanding: {
      intent: state.intent,
      confidence: state.confidence,
      entities: state.entities,
      source: state.understood_by,
    },
    ...withChoices(cards, asked),
  };
}
