import { FLOWS, type Intent } from '../../flows/registry.js';

export interface LabelledUtterance {
  text: string;
  intent: Intent;
}

/** The training examples of every flow's intents, flattened. */
export function loadCorpus(): LabelledUtterance[] {
  return FLOWS.flatMap((flow) =>
    Object.entries(flow.intents).flatMap(([intent, spec]) =>
      spec.examples.map((text) => ({ text, intent: intent as Intent })),
    ),
  );
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
