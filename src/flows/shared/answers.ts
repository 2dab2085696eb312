/** A reply that opens with a yes ("yes, cancel it", "ok go ahead"), whatever the rest is read as. */
export const SAYS_YES =
  /^\W*(?:yes|yeah|yep|yup|ya|sure|ok(?:ay)?|go ahead|do it|please do|confirm(?:ed)?)\b/i;

/** A question about the money an order or a return brings back: "will I get my money back?". */
export const MONEY_QUESTION = /\b(?:money|refund(?:ed)?|paid back|get (?:it|that) back)\b/i;
