/** Sentences the offline understanding generates training messages from (see IntentSpec.patterns). */
export const PATTERNS = {
  save_for_later: [
    '[(please|pls|can you|could you) ](save|keep|bookmark|remember) (it|this|that|this one|that one|the {ord} one|the {item}|the {color} {item}) (for later|for me|on my (wishlist|wish list|favourites|favorites))[ {pls}]',
    '[(please|pls|can you|could you) ](add|put|stick) (it|this|that|this one|that one|the {ord} one|the {item}) (on|to|in) my (wishlist|wish list|favourites|favorites|saved items)[ {pls}]',
    "(not now|maybe later|i'll think about it|not today)[,] (save|keep) (it|that|this one|the {item}) (for (me|later))",
    '{want} (save|keep) {item} (for later|in my wishlist|to my wishlist)[?]',
  ],
  view_wishlist: [
    '[(can you|could you|please) ](show|open|list) (me )?my (wishlist|wish list|favourites|favorites|saved items|saved products)[ {pls}]',
    "(what's|what is|whats) (on|in) my (wishlist|wish list|favourites|favorites|saved items)",
    '(what|which (things|products|items)) (did|have) i (save|saved|bookmark|bookmarked)[ (for later|last (week|time))]',
    '{ask} (see|view|check) my (wishlist|wish list|saved items)[?]',
  ],
} satisfies Record<string, readonly string[]>;
