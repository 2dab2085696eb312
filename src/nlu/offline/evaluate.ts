import type { Intent } from '../port.js';
import { loadCorpus, splitCorpus } from './corpus.js';
import { createOfflineNlu } from './offline-nlu.js';

export interface Evaluation {
  train_size: number;
  test_size: number;
  accuracy: number;
  errors: { text: string; expected: Intent; got: Intent }[];
}

/** Trains on the training split only and measures intent accuracy on the held-out split. */
export async function evaluateOfflineNlu(): Promise<Evaluation> {
  const { train, test } = splitCorpus(loadCorpus());
  const nlu = await createOfflineNlu({ corpus: train });
  const errors: Evaluation['errors'] = [];
  for (const item of test) {
    const { intent } = await nlu.understand(item.text);
    if (intent !== item.intent) errors.push({ text: item.text, expected: item.intent, got: intent });
  }
  return {
    train_size: train.length,
    test_size: test.length,
    accuracy: Math.round(((test.length - errors.length) / test.length) * 1000) / 1000,
    errors,
  };
}
