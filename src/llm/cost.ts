import type { LlmUsage, TokenUsage } from './port.js';

/** USD per million tokens. */
export interface TokenPrices {
  input: number;
  output: number;
}

/**
 * Mistral's list prices when this table was written, for estimates only; LLM_PRICE_INPUT_PER_M and
 * LLM_PRICE_OUTPUT_PER_M override them. Models not listed (and local models) cost nothing by default.
 */
const LIST_PRICES: Record<string, TokenPrices> = {
  'mistral-large': { input: 2, output: 6 },
  'mistral-medium': { input: 0.4, output: 2 },
  'mistral-small': { input: 0.1, output: 0.3 },
  'ministral-8b': { input: 0.1, output: 0.1 },
  'ministral-3b': { input: 0.04, output: 0.04 },
  'open-mistral-nemo': { input: 0.15, output: 0.15 },
};

export function pricesFor(
  provider: string,
  model: string,
  overrides: { input?: number | undefined; output?: number | undefined },
): TokenPrices {
  const listed =
    provider === 'mistral'
      ? Object.entries(LIST_PRICES).find(([prefix]) => model.startsWith(prefix))?.[1]
      : undefined;
  return {
    input: overrides.input ?? listed?.input ?? 0,
    output: overrides.output ?? listed?.output ?? 0,
  };
}

export function usageOf(tokens: TokenUsage, prices: TokenPrices): LlmUsage {
  const cost = (tokens.prompt_tokens * prices.input + tokens.completion_tokens * prices.output) / 1_000_000;
  return { calls: 1, ...tokens, cost_usd: Math.round(cost * 1e8) / 1e8 };
}
