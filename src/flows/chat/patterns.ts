/** Sentences the offline understanding generates training messages from (see IntentSpec.patterns). */
export const PATTERNS = {
  greeting: [
    '4*(hi|hey|hello|hiya|heya|howdy|yo|hallo|hola|heyy|hii|hiii|helloo|oi)[ (there|all|team|folks|friend|shop|bot|you)][!|!!|.| 👋| :)| 😊]',
    'good (morning|afternoon|evening|day)[ (there|all|to you|team|folks)][!|.| 👋]',
    '(hi|hey|hello)[,] (is anyone|is somebody|anyone) (there|around|about|home|here)[?]',
    '(hi|hey|hello)[,] how (are things|is it going|r u|you doing|are you doing)[?]',
    '(hi|hey|hello)[,] (hope|trust) (you are|youre|all is) (well|ok|keeping well)',
    '(morning|evening|afternoon) (all|folks|everyone|there)[!| 👋]',
    '(hey|hi|hello) (hey|hi|hello)',
    '(sup|wassup|whats up|what up|wagwan|g day|gday|greetings|salutations)[ (mate|all|bot|there)][!|.]',
    "(hi|hello|hey)[,] (i am|im|i'm) (new here|back|just browsing|here again|after some help)",
    '(hi|hello|hey) again',
    '(hi|hey|hello)[,] (nice|good|lovely) to (meet|see) you',
    '👋[ (hi|hello|hey)]',
  ],
  goodbye: [
    '(take care|all the best|be well)[ (then|now|mate)][!| x]',
    "(right|ok|okay)[,] (i'm|im) (off|going)[,] (take care|cheers|bye)",
    '4*(bye|goodbye|bye bye|byee|bye for now|cya|see ya|see you|later|ttyl|ciao|farewell|adios|ta ta|toodles|peace out|so long)[ (then|all|mate|for now|x)][!|.| 👋]',
    '(ok|okay|right|alright|cool)[,] (bye|goodbye|see you|cya|ttyl) then',
    '(see|catch|talk to) you (soon|tomorrow|next time|another time|around)[!]',
    "(that's|thats|that is) (all|it|everything) (for now|from me)[,][ (cheers|see you|thanks)]",
    "(i'm|im|i am) (done|leaving|going now|heading off|logging off|out)[,][ (bye|see ya|cheers)]",
    '(gotta|got to|have to|need to|i must) (run|leave|head off|dash)[ now][,][ (bye|see you|cya)]',
    '(have|enjoy) a (good|great|nice|lovely) (day|night|evening|weekend)',
    'good (night|bye)[ then][!]',
    "(i'll|ill|i will) (be back|check back|pop back|return) (later|tomorrow|another time|soon)[,][ bye]",
    '(signing|logging|heading) (off|out)[ now]',
    '(nothing else|no more questions)[,] (goodbye|see ya)[!]',
    '2*(thanks|thx|thank you|thank u|ty|cheers|ta|great thanks|ok thanks)[,|!] (bye|goodbye|bye bye|see ya|cya|see you|later|ttyl|take care)[!| x| :)]',
  ],
  thanks: [
    '4*(thanks|thank you|thank u|thanx|thx|ty|tysm|tyvm|cheers|ta|merci|many thanks|much appreciated|appreciate it|i appreciate it|appreciated)[ (a lot|a million|heaps|loads|very much|again|buddy|x)][!|.| 😊| ❤️]',
    '(great|awesome|perfect|lovely|amazing|nice|cool|excellent|fab|ace|sweet|wonderful)[,|!] (thanks|thank you|cheers)[!| a lot]',
    '(thanks|thank you) (for|for all) (the|your) (help|info|advice|assistance|time|suggestions|patience)[!]',
    "(you've been|youve been|you were) (super|very|so) (useful|helpful)[,] (thanks|cheers)",
    "(legend|lifesaver|you're a star|youre the best|you rock)[,][ (thanks|cheers)][!]",
    "(thanks|cheers|thank you)[,] (that helps|that is perfect|exactly what i needed|that's sorted|sorted)",
    "(i'm|im|i am) (grateful|thankful|very grateful)[ for the help]",
  ],
  general_chat: [
    '(do you have|have you got) a (favourite|favorite) (season|food|film|song|animal|sport|holiday)[?]',
    '(do you|can you) (ever )?(sleep|eat|get tired|get bored|have a day off|go home)[?]',
    "(what's|whats|what is) your (favourite|favorite|fave) (colour|color|food|film|song|animal|band)[?]",
    '(random question|weird question|off topic)[,] (but )?(do you|are you|can you) (like music|have a name|feel anything|get lonely)[?]',
    "(did you see|who won) (the|last night's|yesterday's) (game|match|race|final)[?]",
    "(what's|whats) the weather (like|doing)( (today|outside|there))?[?]",
    '(meh|hmm ok|ok then|right|fair enough|i see|oh ok|cool cool)',
    'what (else )?can you (help with|actually do|do for me)[?]',
    'how (does|do) (you|the bot|this app) work[?]',
    'how are you (doing|feeling|keeping)[?]',
    "(what's|whats|what is) the (time|date|news|score)[ (today|now)][?]",
    '(tell me|know any|got any) (jokes|a story|a fun fact|something interesting|a riddle)[?]',
    '(do you|can you) (eat|dream|dance|feel|get tired|have friends|have a family|go on holiday)[?]',
    "(what's|whats|what is) your (name|favourite food|favorite movie|age|star sign|opinion on cats)[?]",
    '(who|what) (won|is winning|scored) (the match|the election|the world cup|the football)[?]',
    "(i'm|im|i am) (really|kinda|quite) (tired|hungry|sad|happy|stressed|confused)[ (today|lol)]",
    '(lol|lmao|haha|hahaha|hehe|rofl|omg|wow|hmm|hmmm|umm|uh|meh|ugh|oops|whatever|ok cool|interesting|nice one)[!|.| 😂| 🤔]',
    '(um|uh|erm|give me a sec|one sec|hang on|brb|just a minute)[.|...]',
    '(asdf|qwerty|jkjk|zzz|test|testing|testing 123|hello world|aaaa|xyz|???|...|lorem ipsum)',
    '(can you|could you|will you) (write|tell|draw) me (a poem|a story|a picture|my fortune)[?]',
    '(just curious|out of interest)[,] (are you|can you) (happy|speak french|remember me|get bored)[?]',
    '(who|what) (made|built|created|owns) (you|this shop|this site)[?]',
    '(i like|i love|i hate) (cats|dogs|mondays|football|music|rain)',
    '(nice|cool|good|great) (chat|talking to you|weather today)',
    'my (cat|dog|kid|neighbour) (is|keeps|just) (being annoying|barking|sleeping|so cute)',
    'what (should|do) i (have|make|eat) for (dinner|lunch|breakfast)[?]',
    '(whats|what is) (2 plus 2|the capital of france|pi|the best movie)[?]',
    '3*(who|what|when|where) (is|was|are|were|did|does) (the president of france|the tallest mountain|the capital of spain|shakespeare|the moon landing|photosynthesis|the speed of light|the population of india|bitcoin|a black hole|the eiffel tower|the first person on the moon|the roman empire|the amazon river|gravity|the stock market)[ (doing|made|built|discovered|located|worth|today)][?]',
    "2*(what's|whats|what is|how much is) ({n} (times|plus|minus|divided by) {n}|the square root of {n}|{n} percent of {price}|the exchange rate|the time in tokyo|the weather in {city})[?]",
    '(how do i|how to|can you tell me how to) (cook|bake|make) (pasta|rice|a cake|pancakes|chicken|an omelette|bread)[?]',
    "(what's|whats|what is) (a good|the best) (recipe|movie|book|song|podcast|holiday destination) (for|about|to) (tonight|dinner|the weekend|relaxing|kids)[?]",
    '(set|start|cancel) (a|an|my) (alarm|timer|reminder|meeting) (for|at) ({n} (am|pm|minutes)|tomorrow|tonight)[ {pls}]',
    '(play|put on) (some )?(music|jazz|the radio|a podcast|my playlist)[ {pls}]',
    '(translate|how do you say) (hello|thank you|good morning|where is the station) (in|into) (spanish|french|german|japanese)[?]',
    '(what|which) (year|day) (is it|did the war end|was the internet invented)[?]',
  ],
} satisfies Record<string, readonly string[]>;

/** Sounds before a pause: "hmm, let me think". */
const HESITATION = String.raw`(?:(?:hmm+|hm+|umm*|uh+|erm+|ok(?:ay)?|k|well|right|ah+|oh+|so|wait|actually)[,.]?\s+)*`;

/** Taking time over it: "think about it", "sleep on it", "check with my wife". */
const MULL = String.raw`(?:(?:have a )?think(?: it over| (?:about|abt|over|on) (?:it|this|that|them|the \w+))?|mull(?: it)? over|sleep on it|decide|consider(?: it)?|(?:ask|check with|talk to|talk with|run it by) (?:my|the) \w+)(?: (?:first|a bit|for a bit|a little|for a while|for now|more))?`;

/**
 * A customer taking time: "let me think", "hmm give me a sec", "I'll think about it", "I'll get back to
 * you". A whole message that is only this asks nothing: it is acknowledged, and what is open stays open.
 */
export const PAUSE = new RegExp(
  `^${HESITATION}(?:${[
    String.raw`(?:let me|lemme|let's|lets) ${MULL}`,
    String.raw`(?:i'?ll|ill|i will|i'?m gonna|im gonna|i am going to|i need to|i have to|i've got to|i gotta|need to|gotta|have to|i want to|i wanna) ${MULL}`,
    String.raw`(?:i'?ll|ill|i will) (?:get back to (?:you|u)|let (?:you|u) know|come back to (?:it|this|you|u))(?: (?:later|soon|tomorrow))?`,
    String.raw`(?:i'?m |im |i am )?(?:still )?(?:thinking(?: (?:about it|it over))?|deciding|not sure yet|undecided)`,
    String.raw`(?:give me|gimme|just|one|wait|hold on|hang on)(?: a)? (?:sec|secs|second|seconds|min|mins|minute|minutes|moment|mo|tick)(?: (?:please|pls|to think))?`,
    String.raw`(?:let me see|one sec|brb|hold on|hang on|bear with me)`,
  ].join('|')})$`,
  'i',
);

/** Texting sign-offs a classifier trained on sentences can't read: "l8r", "ttyl", "gtg". */
export const SIGN_OFF =
  /^(?:(?:ok|okay|k|right|cool)[, ]+)?(?:(?:cya|see ya|catch (?:ya|you)|cu|talk)\s+)?(?:l8r|l8ter|laters|ttyl|gtg|g2g|cu)(?:\s+(?:then|m8|mate|x))?$/i;
