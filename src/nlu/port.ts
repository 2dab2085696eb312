import type { LlmUsage } from '../llm/port.js';

/**
 * What an understander is told about one intent. The caller gives the list (the flows' registry, at the
 * composition root): the understanding knows no intent of its own.
 */
export interface IntentDefinition {
  readonly name: string;
  /** The capability that answers it: mistaking it for another intent of the same group costs less. */
  readonly group: string;
  /** What a language model is told the intent means; the name says enough when absent. */
  readonly meaning?: string;
  /** Hand-written training messages. */
  readonly examples: readonly string[];
  /**
   * Sentence patterns training messages are generated from. "(a|b)" picks one alternative, "[a|b]" one
   * or nothing, "(...)?" is optional, "{slot}" is filled from the shop's vocabulary (see
   * offline/generate.ts), and "3*" before a pattern draws three times its share.
   */
  readonly patterns: readonly string[];
  /** Small talk: a clause of a longer message that is this says nothing of its request. */
  readonly small_talk?: boolean;
  /** Asked for in any clause of a longer message, this is what the message wants. */
  readonly decisive?: boolean;
  /** What a message is taken for when nothing in it can be read. */
  readonly fallback?: boolean;
}

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
  /** The name of one of the intents the understander was given. */
  intent: string;
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
  last_intent: string | null;
  /** The language the conversation has been in, when known. */
  language: string | null;
}

/** The understanding port: the offline NLU implements it, and so do language-model adapters. */
export interface Understander {
  readonly name: string;
  understand(text: string, context?: UnderstandingContext): Promise<Understanding>;
}
