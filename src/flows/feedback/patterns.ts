/** Sentences the offline understanding generates training messages from (see IntentSpec.patterns). */
export const PATTERNS = {
  feedback: [
    "(i'd|i would|id|i) (like|want|wanna|wish) to (give|leave|share) (some |my )?(feedback|thoughts|a review|a comment|a suggestion)[ (about|on) (the shop|your site|the chat|my order|the service)]",
    '(suggestion|idea|feedback|tip)[:|,] (you should|please|it would be nice to|maybe) (sell|stock|add|offer|show) (more {ps}|{color} {ps}|bigger sizes|a wishlist|gift wrapping|more colours)',
    '(you|you guys|the shop) should (really )?(sell|stock|carry|offer) (more )?({ps}|bigger sizes|petite sizes|refills|spare parts)',
    '(love|loving|really like|i love) (your|the) (shop|store|site|website|app|new look|packaging)[!| ❤️| 😍][ (keep it up|great job|well done)]',
    '(i give|i would give|rating|i rate) (you|it|this|the chat|my experience)?[:] ([1-5]|one|two|three|four|five) (stars|out of 5|/5)',
    '(the|your) (site|website|app|search|checkout) (is|was|feels) (a bit|kind of|really|quite) (slow|confusing|clunky|great|easy to use|nice) (on (my phone|mobile)[, ]?)?[ (just saying|fyi|just so you know)]',
    '(compliments|thanks|kudos|shout out) to (the|your) (team|staff|delivery driver|courier|store staff|packers)[ (in {city})], (they were|really) (great|lovely|so helpful|brilliant)',
    '3*{ask} (leave|write|give|submit|post|send) (a review|feedback|some feedback|my opinion|a comment|a rating)[ (about|on|for) (your|a|the) (products|product|service|store|shop)][?]',
    '{about} (leaving|writing|giving) (a review|feedback)[?]',
  ],
} satisfies Record<string, readonly string[]>;
