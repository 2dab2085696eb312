import { ratingIn } from '../../domain/feedback.js';
import type { Flow } from '../flow.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';

/** Praise, suggestions, a rating: kept word for word for the shop's team, and thanked for. */
export const feedback: Flow<'feedback'> = {
  name: 'feedback',
  intents: {
    feedback: {
      meaning:
        'gives feedback about the shop, its site or this chat: praise, a suggestion, a calm criticism, or a rating',
      examples: examples.feedback,
      patterns: PATTERNS.feedback,
    },
  },
  route: { primary: 'orchestrator', secondary: [] },
  handle: async ({ state, agents }) => {
    const given = await agents.feedback.give({
      user_id: state.user_id,
      session_id: state.session_id,
      channel: state.channel,
      source: 'conversation',
      rating: ratingIn(state.message),
      text: state.message,
    });
    return { results: { feedback: { rating: given.rating } } };
  },
  reply: (state, ctx) => {
    const rating = state.results.feedback?.rating ?? null;
    const thanks = `Thank you - I've passed that on to the ${ctx.shop.name} team.`;
    return rating !== null && rating <= 2
      ? `${thanks} I'm sorry it wasn't better. If something went wrong with an order, tell me and I'll look into it, or ask for a person.`
      : thanks;
  },
};

declare module '../conversation.js' {
  interface AgentResults {
    /** Feedback was kept; the rating it carried, if any. */
    feedback?: { rating: number | null };
  }
}

declare module '../intent.js' {
  interface Intents {
    feedback: true;
  }
}
