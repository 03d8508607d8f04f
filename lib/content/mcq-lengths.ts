import { visibleText } from "./render";
import { type DeckCard } from "./schema";
import { type Language, LANGUAGES } from "@/lib/i18n";

/** Always picking the longest option may be right on at most this share of the deck's multiple-choice cards. */
export const MAX_LONGEST_CORRECT_SHARE = 1 / 3;

/** True when a correct option is (one of) the longest, by visible characters, in this language. */
export function correctIsLongest(card: DeckCard, lang: Language): boolean {
  if (card.spec?.kind !== "mcq") return false;
  const lengths = card.spec.options.map((option) => [...visibleText(option.html[lang])].length);
  const longest = Math.max(...lengths);
  return card.spec.options.some((option, index) => option.correct && lengths[index] === longest);
}

/**
 * The deck-wide check that the longest option is no tell: null when, in each language, the correct option is
 * the longest in at most a third of the mcq cards; otherwise what to rewrite.
 */
export function longestOptionProblem(cards: readonly DeckCard[]): string | null {
  const mcqs = cards.filter((card) => card.spec?.kind === "mcq");
  for (const lang of LANGUAGES) {
    const tells = mcqs.filter((card) => correctIsLongest(card, lang));
    if (tells.length > mcqs.length * MAX_LONGEST_CORRECT_SHARE) {
      return (
        `in ${tells.length} of ${mcqs.length} multiple-choice cards (${lang}) the correct option is the longest, so always ` +
        `picking the longest option scores well; at most a third may be. Shorten the right option or lengthen a ` +
        `distractor in some of: ${tells.map((card) => card.id).join(", ")}`
      );
    }
  }
  return null;
}
