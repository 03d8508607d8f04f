import Link from "next/link";
import { cardFilterSchema } from "@/lib/cards/queries";
import { searchCards } from "@/lib/cards/search";
import { CardMeta, debatedMarker } from "@/app/ui/cards/card-meta";
import { HighlightedText } from "@/app/ui/cards/highlighted-text";
import { format } from "@/lib/i18n";
import { getMessages, titled } from "@/lib/i18n/server";
import { AnnounceResults } from "./card-search";

export const generateMetadata = titled((t) => t.cards.title);

const searchLink = (q: string) => `/cards?${new URLSearchParams({ q })}`;
/** A search shows its best cards first, and the rest on request: a page of every card and excerpt is heavy. */
const FIRST_RESULTS = 40;
const linkClass = "font-medium text-accent-700 underline dark:text-accent-300";

export default async function CardsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const [{ lang, t }, params] = await Promise.all([getMessages(), searchParams]);
  const filter = cardFilterSchema.parse({
    q: typeof params.q === "string" ? params.q : "",
    topic: params.topic || undefined,
    difficulty: params.difficulty || undefined,
  });
  const showAll = params.all === "1";
  const { cards, total, partial, didYouMean, suggestions } = await searchCards(filter, lang, { limit: showAll ? Infinity : FIRST_RESULTS });
  const count = format(t.cards.results, { count: total });
  const filtered = Boolean(filter.topic || filter.difficulty);
  const [beforeTerm, afterTerm] = t.search.didYouMean.split("{term}");

  const suggestionList = suggestions.length > 0 && (
    <p data-testid="search-suggestions">
      {t.search.suggestions}{" "}
      {suggestions.map((term, index) => (
        <span key={term}>
          {index > 0 && " · "}
          <Link href={searchLink(term)} className={linkClass}>
            {term}
          </Link>
        </span>
      ))}
    </p>
  );

  return (
    <section aria-label={t.search.resultsLabel} className="space-y-4">
      <AnnounceResults text={count} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="result-count">
        {count}
      </p>
      {didYouMean.map(({ typed, term }) => (
        <p key={typed} data-testid="did-you-mean">
          {beforeTerm}
          <Link href={searchLink(term)} className={linkClass}>
            {term}
          </Link>
          {afterTerm}
        </p>
      ))}
      {(cards.length === 0 || partial) && (
        <div className="space-y-2 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800" data-testid="no-results">
          <p className="font-medium">{format(filtered ? t.search.noneFiltered : t.search.none, { q: filter.q })}</p>
          {suggestionList}
          {filtered && cards.length === 0 && (
            <p>
              <Link href={searchLink(filter.q)} className={linkClass}>
                {t.search.clearFilters}
              </Link>
            </p>
          )}
          {partial && <p>{t.search.partial}</p>}
        </div>
      )}
      {cards.length > 0 && (
        <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {cards.map((card) => (
            <li key={card.id} className="relative space-y-2 p-4 hover:bg-zinc-50 dark:hover:bg-zinc-900" data-testid="card-result">
              <CardMeta topic={t.topics[card.topic]} difficulty={t.difficulties[card.difficulty]} debated={debatedMarker(card, t.debates)} />
              <Link href={`/cards/${card.id}`} className="card-prose block font-medium after:absolute after:inset-0">
                <HighlightedText text={card.question} />
              </Link>
              {card.snippet && (
                <p className="card-prose text-sm text-zinc-700 dark:text-zinc-300" data-testid="card-snippet">
                  {card.snippet.lang !== lang && <span className="mr-1 text-xs text-zinc-600 dark:text-zinc-400">{t.search.excerptOther}</span>}
                  <HighlightedText text={card.snippet} lang />
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {cards.length < total && (
        <p>
          <Link href={`/cards?${new URLSearchParams(Object.entries({ ...filter, all: "1" }).filter((entry): entry is [string, string] => Boolean(entry[1])))}`} className={linkClass}>
            {format(t.search.showAll, { count: total })}
          </Link>
        </p>
      )}
    </section>
  );
}
