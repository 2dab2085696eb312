import { isIntent, specOf, type Intent } from '../flows/registry.js';
import type { Request } from '../flows/conversation.js';
import { addUsage, NO_USAGE, type LlmUsage } from '../llm/port.js';
import type { Understanding } from '../nlu/port.js';

/** Most requests one message is answered for in a turn; a longer list is read as one message. */
const MOST_REQUESTS = 3;

/**
 * Words a request of its own starts with: a question, or something to do. Not the words that say how to
 * do the other ("checkout and redeem 500 points", "... and send it to 1 Main St", "... and change the size
 * to M"): the whole message is one request then.
 */
const ASKING =
  "how|what|what's|whats|when|where|which|who|why|is|are|do|does|did|can|could|will|would|should|may|any|" +
  'show|add|put|track|cancel|check|find|tell|remove|return|exchange|checkout|compare|list|save|please|pls';
/** After "and", also the customer saying what they want: "... and I'd like ...". */
const OPENER = `(?:${ASKING}|i|i'd|i'm|i'll|id|im)\\b`;

/**
 * Where one request ends and another starts: "... and how many points ...", "..., also do you ...",
 * "... and also track ...", and a sentence after a question ("...? can I ...").
 */
const BETWEEN = new RegExp(
  [
    `\\s*[,;]?\\s+(?:and|&|plus)\\s+(?:also\\s+|then\\s+)?(?=${OPENER})`,
    '\\s*[,;]\\s*(?:also|then|plus)\\s+',
    `\\s+also\\s+(?=${OPENER})`,
    // A question after a question; not the story after it ("how do I return these? they're too small").
    `(?<=[?!])\\s+(?=(?:${ASKING})\\b)`,
  ].join('|'),
  'iu',
);

/** The parts of a message that could each be a request of its own; one part when it asks for one thing. */
export function requestsIn(message: string): string[] {
  return message
    .split(new RegExp(BETWEEN.source, 'giu'))
    .map((part) => part.trim())
    .filter((part) => /\p{L}/u.test(part));
}

/**
 * The requests a message makes, each read on its own, when it makes more than one: every part understood
 * surely as a different intent, small talk aside ("thanks! and can you track my order" asks one thing).
 * Null requests when the message is one request, or when a part can't be read surely (the whole message
 * is then read as one); a request for a person in any part is left to the understanding of the whole.
 * The usage is what reading the parts cost.
 */
export async function readRequests(
  message: string,
  understand: (text: string) => Promise<Understanding>,
  threshold: number,
): Promise<{ requests: Request[] | null; usage: LlmUsage }> {
  const parts = requestsIn(message);
  let usage = NO_USAGE;
  if (parts.length < 2 || parts.length > MOST_REQUESTS) return { requests: null, usage };
  const read: Request[] = [];
  for (const text of parts) {
    const understood = await understand(text);
    usage = addUsage(usage, understood.usage ?? NO_USAGE);
    const sure =
      isIntent(understood.intent) && understood.confidence >= threshold && understood.language === undefined;
    const spec = sure ? specOf(understood.intent as Intent) : null;
    if (!spec || spec.decisive || spec.fallback) return { requests: null, usage };
    // "Thanks!" or "hi" beside a request asks nothing; a yes or a no answers something.
    if (!spec.small_talk || spec.continues) read.push({ text, understood });
  }
  const intents = new Set(read.map((r) => r.understood?.intent));
  return { requests: read.length >= 2 && intents.size === read.length ? read : null, usage };
}
