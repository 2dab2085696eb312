import type { ConversationStatus } from '../../domain/types.js';
import type { HandoffReason } from '../../handoff/handoff-service.js';
import type { Flow, Handler, ReplyContext } from '../flow.js';
import { contactText } from '../../shop/contact-text.js';
import examples from './examples.json' with { type: 'json' };
import { PATTERNS } from './patterns.js';
import { refundAskedInComplaint } from '../orders/take-over.js';

/** Asks for a person for this conversation; the assistant stays silent until one gives it back. */
export const askForPerson =
  (reason: HandoffReason): Handler =>
  async ({ state, agents }) => {
    const { head, new: fresh } = await agents.handoff.request({
      session_id: state.session_id,
      user_id: state.user_id,
      channel: state.channel,
      reason,
    });
    return { results: { handoff: { status: head.status, new: fresh } } };
  };

/** What the customer is told, once, when a person is asked for. */
export function handoffText(ctx: ReplyContext): string {
  // The contact sentence carries the team's hours, said once.
  return `I've asked a person from the ${ctx.shop.name} team to take over this chat; they will reply here. Anything you write meanwhile is kept for them. If it can't wait, ${contactText(ctx).replace(/^You can/, 'you can')}`;
}

/** "I want a person", a complaint: the conversation goes to a person, never a product list. */
export const handoff: Flow<'human_agent' | 'complaint'> = {
  name: 'handoff',
  intents: {
    human_agent: {
      meaning: 'wants a person: a human, an agent, customer service',
      examples: examples.human_agent,
      patterns: PATTERNS.human_agent,
      decisive: true,
    },
    complaint: {
      meaning: 'a complaint, anger, or a problem with a payment (charged twice, refund never came)',
      examples: examples.complaint,
      patterns: PATTERNS.complaint,
      generic_reply: true,
    },
  },
  route: { primary: 'orchestrator', secondary: [] },
  // "I cancelled weeks ago, where's my refund?" is answered from the order, not sent to a person.
  handOver: refundAskedInComplaint,
  handle: (turn) =>
    askForPerson(
      turn.state.unclear ? 'not_understood' : turn.state.intent === 'complaint' ? 'complaint' : 'asked',
    )(turn),
  reply: (state, ctx) => {
    if (state.unclear) return `Sorry, I still don't follow. ${handoffText(ctx)}`;
    return state.intent === 'complaint' ? `I'm sorry about this. ${handoffText(ctx)}` : handoffText(ctx);
  },
};

declare module '../conversation.js' {
  interface AgentResults {
    /** A person was asked for: where the conversation now stands. */
    handoff?: { status: ConversationStatus; new: boolean };
  }
}

declare module '../intent.js' {
  interface Intents {
    human_agent: true;
    complaint: true;
  }
}
