import type { Highlighted } from "@/lib/cards/search";
import { LOCALES } from "@/lib/i18n";

const MARK = "rounded-sm bg-amber-200 px-0.5 text-zinc-950 dark:bg-amber-300 dark:text-zinc-950";

/**
 * Search text with its matches in <mark>. Text is React text, never HTML; a formula is MathML made by KaTeX on
 * the server from the deck's own TeX (as every card's HTML is).
 */
export function HighlightedText({ text, className = "", lang }: { text: Highlighted; className?: string; lang?: boolean }) {
  return (
    <span className={className} lang={lang ? LOCALES[text.lang] : undefined}>
      {text.clippedStart && "… "}
      {text.segments.map((segment, index) => {
        if ("text" in segment) return segment.mark ? <mark key={index} className={MARK}>{segment.text}</mark> : segment.text;
        // MathML does not wrap: a formula longer than a phone's line is cut at its edge (the card's own page shows
        // it whole) rather than widening the page, or making a scroll box per formula for the keyboard to visit.
        const math = <span className="inline-block max-w-full overflow-hidden align-middle" dangerouslySetInnerHTML={{ __html: segment.math }} />;
        return segment.mark ? (
          <mark key={index} className={MARK}>
            {math}
          </mark>
        ) : (
          <span key={index}>{math}</span>
        );
      })}
      {text.clippedEnd && " …"}
    </span>
  );
}
