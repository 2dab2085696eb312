import type { IntentDefinition } from '../port.js';

export interface LabelledUtterance {
  text: string;
  intent: string;
}

/** The hand-written training examples of the intents, flattened in their order. */
export function loadCorpus(intents: readonly IntentDefinition[]): LabelledUtterance[] {
  return intents.flatMap(({ name, examples }) => examples.map((text) => ({ text, intent: name })));
}

/** A fixed split: every fifth utterance of each intent is held out for evaluation, never trained on. */
export function splitCorpus(corpus: readonly LabelledUtterance[]): {
  train: LabelledUtterance[];
  test: LabelledUtterance[];
} {
  const seen = new Map<string, number>();
  const train: LabelledUtterance[] = [];
  const test: LabelledUtterance[] = [];
  for (const item of corpus) {
    const n = seen.get(item.intent) ?? 0;
    seen.set(item.intent, n + 1);
    (n % 5 === 4 ? test : train).push(item);
  }
  return { train, test };
}
