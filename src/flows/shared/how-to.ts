/**
 * A question about how to do something, not a request to do it: "how do i remove an item from my cart?",
 * "i don't know how to...", "is there a way to...". A flow that changes things answers it without acting.
 */
export const ASKS_HOW =
  /^\s*(?:(?:hi|hey|hello|so|ok|okay|quick question)[,!.]?\s+)*(?:how (?:do|can|could|would|should|does one) (?:i|we|you|one)|how to|i (?:don'?t|do not) know how|no idea how|is (?:it possible|there a way) to|where (?:do|can) i)\b/i;

/** "How do I order a phone?", "how can i buy the jacket": asking how to buy something, not about an order placed. */
export const ASKS_HOW_TO_BUY =
  /\bhow (?:do|can|could|would) (?:i|we|one) (?:order|buy|purchase|get)\b(?! (?:my|the status|a refund))/i;
