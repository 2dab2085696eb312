import type { SalesStateType } from './conversation.js';
import { cardsOf, type ResponseData } from './cards.js';
import { flowOf } from './registry.js';

/** A turn's structured data: what was understood, and the cards of the flow that answered. */
export function responseData(state: SalesStateType): ResponseData {
  const flow = flowOf(state.intent);
  return {
    understanding: {
      intent: state.intent,
      confidence: state.confidence,
      entities: state.entities,
      source: state.understood_by,
    },
    ...(flow.cards ? flow.cards(state) : cardsOf(state.results)),
  };
}
