import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';

/** The slice of NLP.js's Nlp class this project uses. */
export interface NlpEngine {
  settings: Record<string, unknown>;
  nluManager: { settings: Record<string, unknown> };
  ner: {
    settings: Record<string, unknown>;
    /** Entity rules by locale and name; enum rules build `dict` lookups on first use. */
    rules: Record<string, Record<string, { type: string; dict?: object; inverseDict?: object }>>;
    generateEntityUtterance(locale: string, utterance: string): Promise<string>;
    /** Entity extraction alone, without classifying. */
    process(input: { locale: string; utterance: string }): Promise<{ entities: NlpEntity[] }>;
  };
  addLanguage(locale: string): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  addNerRuleOptionTexts(locale: string, entity: string, option: string, texts: string[]): void;
  train(): Promise<void>;
  process(
    locale: string,
    utterance: string,
    context?: unknown,
    settings?: Record<string, unknown>,
  ): Promise<NlpResult>;
}

export interface NlpEntity {
  entity: string;
  option?: string;
  sourceText: string;
  utteranceText: string;
  accuracy: number;
  start: number;
  end: number;
}

export interface NlpResult {
  intent: string;
  score: number;
  entities: NlpEntity[];
  classifications?: { intent: string; score: number }[];
}

/** A fresh English NLP.js pipeline, with entity placeholders used for classification. */
export async function createNlpEngine(): Promise<NlpEngine> {
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp') as NlpEngine;
  nlp.settings.autoSave = false;
  nlp.settings.calculateSentiment = false;
  // Classify the entity-placeholder form too ("show me %category%"), so unseen products don't confuse intent.
  nlp.settings.forceNER = true;
  nlp.settings.threshold = 0;
  nlp.nluManager.settings.log = false;
  // Entities match exactly: typos are mended before NLP.js sees the text, which is far cheaper than
  // fuzzy-matching every substring against every option.
  nlp.ner.settings.threshold = 1;
  nlp.addLanguage('en');
  return nlp;
}

/**
 * NLP.js looks words up in plain objects, so "constructor" or "toString" in a message finds
 * Object.prototype's members and crashes the extractor. Once the lookups exist (after a first
 * process), they are copied onto null-prototype objects, where only the shop's words are found.
 */
export async function hardenEntityLookups(nlp: NlpEngine): Promise<void> {
  await nlp.ner.process({ locale: 'en', utterance: 'warm up' });
  for (const rules of Object.values(nlp.ner.rules)) {
    for (const rule of Object.values(rules)) {
      if (rule.dict) rule.dict = Object.assign(Object.create(null) as object, rule.dict);
      if (rule.inverseDict) rule.inverseDict = Object.assign(Object.create(null) as object, rule.inverseDict);
    }
  }
}
