import corpusData from './corpus.json' with { type: 'json' };
import { INTENTS, type Intent } from '../port.js';

export interface LabelledUtterance {
  text: string;
  intent: Intent;
}

const isIntent = (name: string): name is Intent => (INTENTS as readonly string[]).includes(name);

/** The project's labelled corpus, flattened. */
export function loadCorpus(): LabelledUtterance[] {
  return Object.entries(corpusData as Record<string, string[]>).flatMap(([intent, texts]) => {
    if (!isIntent(intent)) throw new Error(`corpus.json: unknown intent ${intent}`);
    return texts.map((text) => ({ text, intent }));
  });
}

/** A fixed split: every fifth utterance of each intent is held out for evaluation, never trained on. */
export function splitCorpus(corpus: readonly LabelledUtterance[]): {
  train: LabelledUtterance[];
  test: LabelledUtterance[];
} {
  const seen = new Map<Intent, number>();
  const train: LabelledUtterance[] = [];
  const test: LabelledUtterance[] = [];
  for (const item of corpus) {
    const n = seen.get(item.intent) ?? 0;
    seen.set(item.intent, n + 1);
    (n % 5 === 4 ? test : train).push(item);
  }
  return { train, test };
}
