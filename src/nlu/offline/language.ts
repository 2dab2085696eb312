/**
 * Which language a message is in, when it is confidently not English. Uses ELD (Efficient Language
 * Detector, pure JavaScript n-gram tables, no downloads), and only answers when three things agree:
 * the message is long enough to tell, ELD is sure and clearly prefers another language to English,
 * and few of the message's words are English words the shop knows. Short or mixed messages
 * ("ciao", "merci beaucoup for the help") stay undefined: English, or unsure.
 */
export interface LanguageIdentifier {
  /** ISO 639-1 code of a confidently non-English message; undefined for English or unsure. */
  identify(text: string, englishShare: number): string | undefined;
}

/** Fewer letters than this and trigram statistics say little. */
const MIN_LETTERS = 12;
const MIN_WORDS = 3;
/** How much better the other language must score than English. */
const MARGIN = 0.05;
/** Above this share of known English words, the message is English whatever the n-grams say. */
const MAX_ENGLISH_SHARE = 0.5;

export async function createLanguageIdentifier(): Promise<LanguageIdentifier> {
  const { eld } = await import('eld/extrasmall');
  return {
    identify(message, englishShare) {
      if (englishShare > MAX_ENGLISH_SHARE) return undefined;
      // An email, a link or anything with digits (a postcode, an order number) is in no language.
      const text = message.replace(/\S*@\S*|\S*:\/\/\S*|\S*\d\S*/g, ' ');
      const words = text.match(/\p{L}+/gu) ?? [];
      if (words.length < MIN_WORDS || words.join('').length < MIN_LETTERS) return undefined;
      const result = eld.detect(text);
      const language = result.language;
      if (!language || language === 'en' || !result.isReliable()) return undefined;
      const scores = result.getScores();
      if ((scores[language] ?? 0) - (scores.en ?? 0) < MARGIN) return undefined;
      return language;
    },
  };
}
