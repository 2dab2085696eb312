import type { LlmUsage } from '../llm/port.js';

/** What a customer wants: the intents of the flows in the registry. */
export type { Intent } from '../flows/registry.js';
import type { Intent } from '../flows/registry.js';

/** How a message points at a product. Resolution against what was shown happens in the graph. */
export type ProductReference =
  | { kind: 'ordinal'; index: number }
  | { kind: 'last' }
  | { kind: 'pronoun' }
  | { kind: 'id'; product_id: string }
  | { kind: 'name'; text: string };

export interface Place {
  name: string;
  lat: number;
  lng: number;
}

export type FulfilmentHint = 'ship' | 'pickup' | 'same_day';

/** Everything a message says beyond its intent; absent fields were not mentioned. */
export interface Entities {
  category?: string;
  brand?: string;
  color?: string;
  size?: string;
  quantity?: number;
  price_min?: number;
  price_max?: number;
  /** "Cheaper ones", "something more premium": a price move relative to what was shown. */
  price_direction?: 'lower' | 'higher';
  reference?: ProductReference;
  location?: Place;
  points?: number;
  fulfilment?: FulfilmentHint;
  /** Words left to search the catalogue with once the other entities are taken out. */
  query?: string;
}

export interface Understanding {
  intent: Intent;
  /** 0..1; below the configured threshold the dialogue layer may lean on context instead. */
  confidence: number;
  entities: Entities;
  /** Which understander produced this. */
  source: string;
  /** ISO 639-1 code of the customer's language, when the understander can tell. */
  language?: string;
  /** Share (0..1) of the message's words the understander knows; reported by the offline NLU. */
  coverage?: number;
  /** What asking a language model cost; absent when none was asked. */
  usage?: LlmUsage;
  /** A model should have been asked but could not be; the answer is the offline one. */
  degraded?: boolean;
}

/** What the conversation so far tells an understander that reads context (language models do). */
export interface UnderstandingContext {
  /** The products last shown, in order, so "the second one" can be resolved. */
  shown: { product_id: string; name: string }[];
  last_intent: Intent | null;
  /** The language the conversation has been in, when known. */
  language: string | null;
}

/** The understanding port: the offline NLU implements it, and so do language-model adapters. */
export interface Understander {
  readonly name: string;
  understand(text: string, context?: UnderstandingContext): Promise<Understanding>;
}
