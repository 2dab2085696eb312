/** Sentences the offline understanding generates training messages from (see IntentSpec.patterns). */
export const PATTERNS = {
  bot_identity: [
    '(is|are) (there|these) (an actual|a real|a live) (person|human) (typing|answering|replying|writing)( this| these)?[?]',
    '(actual|real) (person|human) or (bot|ai)[?]',
    '(are|r) (you|u) (a|an) (bot|robot|ai|machine|computer|program|chatbot|automated system|real person|human|person)[?| lol]',
    'am i (talking|speaking) (to|with) (a|an) (bot|robot|human|ai|machine|computer|person)[ right now][?]',
    'is (this|it) (a bot|an ai|a robot|a human|a computer)( replying)?[?]',
    '(is|are) (a|any) (real|live)? (person|human|people) (reading|answering|behind) (this|these messages|the chat)[?]',
    "(you're|youre|ur|you are) (a bot|not human|an ai|a robot|just a program)[,] (right|yeah|huh)[?]",
    '(person|real person) or (bot|robot|machine)[?]',
    '(bot|robot) or (human|person)[?]',
    '(seriously|tell me the truth|honestly)[,] are you (a bot|human|real|an ai|a person)[?]',
    '(who|what) am i (talking|speaking|chatting) (to|with)[?]',
    '(do|does) (a|an) (human|person|real person|bot|ai) (write|answer|read|type) (these|my messages|the replies)[?]',
    'is this (chatgpt|gpt|an llm|a language model|siri|alexa)[?]',
    '(wait|hang on)[,] (you are|youre) (a bot|an ai|not a person)[?]',
    '(is|are) (these|the|your) (answers|replies|messages) (automatic|generated|written by a computer|from a bot)[?]',
    '2*(could|can|would|might) (you|u) (be|possibly be) (a|an) (human|person|real person|bot|robot|ai|machine|computer)[?]',
    "(can|could) (you|u) (tell me|let me know|confirm) (if|whether) (you're|youre|you are|your|ur) (a|an) (bot|robot|ai|human|real person|person)[?]",
    "(i'm|im|i am) (curious|wondering) (if|whether) (you're|youre|you are|your) (a|an) (bot|robot|ai|human|real person|person)",
  ],
} satisfies Record<string, readonly string[]>;
