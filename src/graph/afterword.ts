import type { ConversationMemory, Request, SalesStateType } from '../flows/conversation.js';
import type { ReplyContext } from '../flows/flow.js';
import { flowOf, isIntent, specOf } from '../flows/registry.js';

/** What follows a reply: the open question asked again, what comes next, and the requests to answer now. */
export interface Afterword {
  /** Sentences to add after the reply, in order. */
  lines: string[];
  /** Requests to answer now, in this turn. */
  run: Request[];
  memory: Pick<ConversationMemory, 'asked_again' | 'queued'>;
}

/** The customer's own words for a request, kept short. */
const quoted = (requests: readonly string[]): string =>
  requests.map((r) => `"${r.length > 60 ? `${r.slice(0, 57)}...` : r}"`).join(' and ');

const isAside = (r: Request): boolean => {
  const intent = r.understood?.intent;
  return intent !== undefined && isIntent(intent) && specOf(intent).aside === true;
};

/**
 * What a reply is followed by. A side question answered while another question is open asks that one
 * again, so a bare "yes" next answers it. A message's further requests are answered in this turn, unless
 * a question is open and they are not side questions: they then wait for it to be settled ("I'll come
 * back to ...") and are answered in the turn that settles it. Requests left waiting when the customer
 * moves on are said to be set aside, never dropped silently.
 */
export function afterword(state: SalesStateType, ctx: ReplyContext): Afterword {
  const pending = state.pending;
  const lines: string[] = [];
  let run: Request[] = [];
  let queued = state.queued;
  const handedOver = state.results.handoff !== undefined;
  const requests = handedOver ? [] : (state.requests ?? []);
  if (requests.length > 0) {
    // Side questions are answered now; anything else waits while a question is open.
    if (pending === null || isAside(requests[0]!))
      return { lines, run: requests, memory: { asked_again: false, queued } };
    const later = requests.map((r) => r.text);
    queued = { after: pending.action, requests: later };
    lines.push(`I'll come back to ${quoted(later)} once that's settled.`);
  } else if (queued && !handedOver && !(pending && pending.action === queued.after)) {
    // The question the requests waited for is settled (answered) or dropped (the customer moved on).
    if (state.intent === queued.after) run = queued.requests.map((text) => ({ text }));
    else lines.push(`I've set ${quoted(queued.requests)} aside - ask again whenever you like.`);
    queued = null;
  }
  const reasks =
    pending !== null && run.length === 0 && !handedOver && state.intent !== pending.action && state.aside;
  const again = reasks ? flowOf(pending.action).reask?.(pending, state, ctx) : undefined;
  if (again) lines.push(again);
  return { lines, run, memory: { asked_again: Boolean(again), queued } };
}
