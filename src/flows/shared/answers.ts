/** A reply that opens with a yes ("yes, cancel it", "ok go ahead"), whatever the rest is read as. */
export const SAYS_YES =
  /^\W*(?:yes|yeah|yep|yup|ya|sure|ok(?:ay)?|go ahead|do it|please do|confirm(?:ed)?)\b/i;
