import { bot } from './bot/flow.js';
import { cart } from './cart/flow.js';
import { chat } from './chat/flow.js';
import { checkout } from './checkout/flow.js';
import { confirm } from './confirm/flow.js';
import { feedback } from './feedback/flow.js';
import type { Flow, IntentSpec } from './flow.js';
import type { Intent } from './intent.js';
import { handoff } from './handoff/flow.js';
import { list } from './list/flow.js';
import { loyalty } from './loyalty/flow.js';
import type { IntentDefinition } from '../nlu/port.js';
import { orders } from './orders/flow.js';
import { product } from './product/flow.js';
import { reorder } from './reorder/flow.js';
import { returns } from './returns/flow.js';
import { shopping } from './shopping/flow.js';
import { stock } from './stock/flow.js';
import { support } from './support/flow.js';
import { wishlist } from './wishlist/flow.js';

/**
 * Every capability of the assistant. The router, the understanding (labels, training corpus, model
 * schema), the handlers and the replies all read this list: a new intent is a new folder and a line here.
 */
export const FLOWS = [
  chat,
  bot,
  handoff,
  shopping,
  list,
  product,
  stock,
  cart,
  checkout,
  confirm,
  orders,
  loyalty,
  support,
  returns,
  feedback,
  reorder,
  wishlist,
] as const;

type IntentsOf<F> = F extends Flow<infer I> ? I : never;
type Registered = IntentsOf<(typeof FLOWS)[number]>;

export type { Intent } from './intent.js';

/** Every intent a flow declares is registered here, and no other: a flow left out fails to compile. */
const _complete: [Intent, Registered] extends [Registered, Intent] ? true : never = true;

const byIntent = new Map<string, { flow: Flow; spec: IntentSpec }>(
  FLOWS.flatMap((flow: Flow) =>
    Object.entries(flow.intents).map(([intent, spec]) => [intent, { flow, spec }]),
  ),
);

/** All intents, in registry order. */
export const INTENTS = [...byIntent.keys()] as [Intent, ...Intent[]];

export const isIntent = (name: string): name is Intent => byIntent.has(name);

/** The flow that answers an intent. */
export const flowOf = (intent: Intent): Flow => byIntent.get(intent)!.flow;

/** How an intent is learnt and treated by the dialogue. */
export const specOf = (intent: Intent): IntentSpec => byIntent.get(intent)!.spec;

/** What the understanders are given: every intent with its flow, meaning, examples and patterns. */
export const INTENT_DEFINITIONS: readonly IntentDefinition[] = FLOWS.flatMap((flow: Flow) =>
  Object.entries(flow.intents).map(([name, spec]): IntentDefinition => ({
    name,
    group: flow.name,
    ...(spec.meaning ? { meaning: spec.meaning } : {}),
    examples: spec.examples,
    patterns: spec.patterns,
    ...(spec.small_talk ? { small_talk: true } : {}),
    ...(spec.decisive ? { decisive: true } : {}),
    ...(spec.fallback ? { fallback: true } : {}),
  })),
);
