/** Sentences the offline understanding generates training messages from (see IntentSpec.patterns). */
export const PATTERNS = {
  affirm: [
    "6*(yes|yeah|yep|yup|ya|yas|yea|yeh|y|sure|ok|okay|k|kk|alright|aight|absolutely|definitely|certainly|of course|correct|right|exactly|affirmative|indeed|totally|for sure|sure thing|sounds good|why not|go on then|do it|go ahead|confirm|confirmed|please do|yes please|that's correct|perfect|great|👍)[!|.|!!| 👍]",
    "(yes|yeah|yep|sure|ok|okay)[,] (go ahead|sounds good|that's fine|why not|thanks|correct|that works)[!]",
    '(sounds|looks) (good|great|fine|perfect|right)[ to me][!]',
    '(that|this) (works|is fine|is correct|is perfect|will do|sounds good)[ (for me|thanks)][!]',
    '(yes|yeah) (definitely|absolutely|of course|i do|it is|that one)',
    '(ok|okay|sure|yes) (proceed|continue|carry on)',
    '(YES|YEAH|OK) (PLEASE|GO AHEAD)[!]',
  ],
  deny: [
    "6*(no|nope|nah|na|nay|no thank you|not really|negative|not now|not yet|no way|never mind|nevermind|nvm|don't|dont|stop|cancel|hold off|forget it|leave it|i'm good|pass|no no|not at all|absolutely not|definitely not|👎)[!|.|!!]",
    "(no|nope|nah)[,] (thank you|not today|leave it|that's fine|i'm ok|forget it|stop|that's wrong|i'll pass|maybe later|cancel|not that)[!]",
    "(no|nah)[,] (i|i'm) (changed my mind|fine|ok thanks|not interested)",
    "(don't|dont|do not) (do that|do it|bother|add it)[!]",
    '(NO|NOPE|STOP|CANCEL)[!|!!]',
    '(not|no) (that|this) one',
    "(i'll|ill|i will) (pass|skip|leave it)[ (thanks|for now)]",
    "(that's|thats|that is) (wrong|not right|incorrect|not it|not what i meant)",
    "(hold on|wait)[,] (no|don't|stop)",
  ],
} satisfies Record<string, readonly string[]>;
