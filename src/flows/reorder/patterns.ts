/** Sentences the offline understanding generates training messages from (see IntentSpec.patterns). */
export const PATTERNS = {
  reorder: [
    '[(please|pls|can you|could you) ](reorder|re-order|repeat|redo) (my|the) (last|previous|latest|most recent) (order|purchase)[ (please|pls|for me)]',
    "(i'd like|i want|i wanna|i need) to (order|buy|get) the same (thing|things|stuff|items) (again|as (last time|before))",
    '[(can you|could you|please) ](put|add) (everything|the items|all the items|what i bought) (from|in) my (last|previous) order (back )?(in|to|into) (the|my) (cart|basket|bag)',
    '(same|same order|same as last time|my usual order|my usual) again[ (please|pls)]',
    '(buy|order|get) (again|once more) what i (ordered|bought|got) (last time|last month|before|the other day)',
    "[(i want|i'd like|i need|can i get) ](the same as|same as|a repeat of) (my order|order) {order}[ (again|too|{pls})]",
    '2*{want} (reorder|re-order|repeat|order again) (my|the) (last|previous) (order|purchase)[?]',
  ],
} satisfies Record<string, readonly string[]>;
