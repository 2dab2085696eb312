/** A shopper's turns, in order; the benches repeat them round-robin over several conversations. */
export const SCRIPT = [
  'hi',
  'show me hoodies',
  'in medium',
  'tell me about the second one',
  'add the first one',
  'black',
  "what's in my cart",
  'how many points do I have',
  'is it in stock near Oakland',
  'clear my cart',
];

/** The `p`th percentile (nearest rank) of some timings. */
export const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
