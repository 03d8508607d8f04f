import Link from "next/link";
import { cardFilterSchema, listCardSummaries } from "@/lib/cards/queries";
import { DIFFICULTIES, TOPICS } from "@/lib/content/schema";
import { CardMeta, debatedMarker } from "@/app/ui/cards/card-meta";
import { format } from "@/lib/i18n";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.cards.title);

export default async function CardsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const [{ lang, t }, params] = await Promise.all([getMessages(), searchParams]);
  const filter = cardFilterSchema.parse({
    q: typeof params.q === "string" ? params.q : "",
    topic: params.topic || undefined,
    difficulty: params.difficulty || undefined,
  });
  const cards = await listCardSummaries(filter, lang);
  const field = "rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t.cards.title}</h1>
      <form role="search" className="grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
        <label className="grid gap-1 text-sm">
          <span className="font-medium">{t.cards.search}</span>
          <input type="search" name="q" defaultValue={filter.q} placeholder={t.cards.searchPlaceholder} className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium">{t.cards.topic}</span>
          <select name="topic" defaultValue={filter.topic ?? ""} className={field}>
            <option value="">{t.cards.any}</option>
            {TOPICS.map((topic) => (
              <option key={topic} value={topic}>
                {t.topics[topic]}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium">{t.cards.difficulty}</span>
          <select name="difficulty" defaultValue={filter.difficulty ?? ""} className={field}>
            <option value="">{t.cards.any}</option>
            {DIFFICULTIES.map((difficulty) => (
              <option key={difficulty} value={difficulty}>
                {t.difficulties[difficulty]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700">
          {t.cards.filter}
        </button>
      </form>
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        {format(t.cards.results, { count: cards.length })}
      </p>
      {cards.length === 0 ? (
        <p>{t.cards.none}</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {cards.map((card) => (
            <li key={card.id} className="relative space-y-2 p-4 hover:bg-zinc-50 dark:hover:bg-zinc-900" data-testid="card-result">
              <CardMeta topic={t.topics[card.topic]} difficulty={t.difficulties[card.difficulty]} debated={debatedMarker(card, t.debates)} />
              <Link href={`/cards/${card.id}`} className="card-prose block font-medium after:absolute after:inset-0">
                <span dangerouslySetInnerHTML={{ __html: card.question.html }} />
                {card.question.more && " …"}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
