/** Sentences the offline understanding generates training messages from (see IntentSpec.patterns). */
export const PATTERNS = {
  checkout: [
    "(go to|where's|wheres|head to) the (till|checkout|payment page)[ {pls}][?]",
    '[{hi}] (checkout|check out|proceed to checkout|go to checkout|take me to checkout|check me out)[ {pls}][!]',
    "(i'm|im|i am) (ready|good) to (pay|order|check out|checkout|buy)",
    '(place|submit|complete|finish|finalise|finalize|confirm|process) (the|my) (order|purchase)[ {pls}]',
    "(let's|lets|let me|i want to|i'd like to|i wanna) (pay|check out|checkout|place the order|order)[ now][ {pls}]",
    '(go to|proceed to|take me to) (payment|the checkout|pay)[ {pls}]',
    '(buy|order|pay) now',
    '3*(checkout|check out|order|pay) (with|for) (pickup|delivery|click and collect|collection|standard delivery|express delivery)( (at|in) {city})?',
    '(deliver|send) (it|them|everything) to (my|the) (home|work|office)[,] (and )?(check out|checkout)',
    '(can i|could i) (checkout|check out|pay) (and|then) (collect|pick up) (in|at|from) {city}[?]',
    "(i'd|id) like to (complete|confirm) my (purchase|order)[ {pls}]",
    "(that's|thats|that is) (everything|all|it)[,] (let's|lets|let me) (pay|check out|checkout)",
    "(i'm|im) (finished|done) (here|now)[,] (checkout|let's pay|ring me up)",
    '(how do i|how can i|where do i) (pay|check out|checkout)[?]',
    '(ready to order|ready to pay|ready to checkout|ready for checkout)[ {pls}]',
    '(pay|checkout|order) (with|using) (card|paypal|apple pay|my saved card)',
    "(buy|purchase) (everything|all of it|what's in my cart|the lot)[ now]",
    '(i want to|i wanna|let me) (buy|order|purchase) (everything|what i have|the items) in my (cart|basket)',
  ],
} satisfies Record<string, readonly string[]>;
