import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCard, historyPageSchema, listReviewHistory } from "@/lib/cards/queries";
import { getLearner } from "@/lib/learner";
import { AnswerSides, CardHtml, McqOptionList } from "@/app/ui/cards/card-sides";
import { CardMeta, debatedMarker } from "@/app/ui/cards/card-meta";
import { format } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { visibleText } from "@/lib/content/render";

/** A card's tab says what it asks: the start of its question, in the learner's language. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const [{ id }, { lang, t }] = await Promise.all([params, getMessages()]);
  const card = await getCard(id, lang);
  if (!card) return { title: t.errors.notFoundTitle };
  const question = visibleText(card.sides.question);
  return { title: question.length > 60 ? `${question.slice(0, 59).trimEnd()}…` : question };
}

export default async function CardPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const [{ id }, { page }, { lang, t }, learner] = await Promise.all([params, searchParams, getMessages(), getLearner()]);
  const [card, history] = await Promise.all([getCard(id, lang), listReviewHistory(learner.id, id, historyPageSchema.parse(page))]);
  if (!card) notFound();
  const locale = lang === "zh" ? "zh-CN" : "en";
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="space-y-8">
      <Link href="/cards" className="text-sm font-medium text-accent-700 underline dark:text-accent-300">
        ← {t.cards.back}
      </Link>
      {card.retired && <p className="rounded-lg bg-amber-50 p-3 text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">{t.cards.retired}</p>}
      <article className="space-y-6">
        <header className="space-y-3">
          <CardMeta topic={t.topics[card.topic]} difficulty={t.difficulties[card.difficulty]} debated={debatedMarker(card, t.debates)} />
          <div role="heading" aria-level={1} className="text-xl font-semibold">
            <CardHtml html={card.sides.question} />
          </div>
        </header>
        {card.options && <McqOptionList options={card.options} labels={{ correct: t.quiz.correct, whyWrong: t.quiz.whyWrong }} />}
        <section aria-label={t.study.answer}>
          <AnswerSides sides={card.sides} labels={t.study} />
        </section>
        {card.lab.length > 0 && (
          <p className="flex flex-wrap gap-2 text-sm">
            {card.lab.map((experiment) => (
              <Link key={experiment} href={`/lab?exp=${experiment}`} className="rounded-md border border-accent-500 px-3 py-1.5 font-medium text-accent-700 hover:bg-accent-50 dark:text-accent-300 dark:hover:bg-zinc-800">
                {t.lab.seeInLab}: {t.lab.experiments[experiment].name}
              </Link>
            ))}
          </p>
        )}
        <footer className="space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
          <h2 className="font-semibold text-zinc-800 dark:text-zinc-200">{t.cards.sources}</h2>
          <ul className="list-disc space-y-1 pl-5">
            {card.sources.map((source) => (
              <li key={source} className="[overflow-wrap:anywhere]">
                {source}
              </li>
            ))}
          </ul>
          {card.tags.length > 0 && (
            <p>
              {t.cards.tags}: {card.tags.join(", ")}
            </p>
          )}
        </footer>
      </article>
      <section className="space-y-3" aria-labelledby="history-title">
        <h2 id="history-title" className="text-lg font-semibold">
          {t.cards.history}
        </h2>
        {history.total === 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400">{t.cards.noHistory}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="review-history">
              <thead className="border-b border-zinc-200 dark:border-zinc-800">
                <tr>
                  <th className="py-2 pr-4 font-medium">{t.cards.reviewedAt}</th>
                  <th className="py-2 pr-4 font-medium">{t.cards.rating}</th>
                  <th className="py-2 pr-4 font-medium">{t.cards.stateChange}</th>
                  <th className="py-2 font-medium">{t.cards.interval}</th>
                </tr>
              </thead>
              <tbody>
                {history.reviews.map((log) => (
                  <tr key={log.id} className="border-b border-zinc-100 dark:border-zinc-900">
                    <td className="py-2 pr-4 tabular-nums">{when.format(log.reviewedAt)}</td>
                    <td className="py-2 pr-4">{t.study.grades[log.rating as 1 | 2 | 3 | 4]}</td>
                    <td className="py-2 pr-4">
                      {t.states[log.stateBefore as 0 | 1 | 2 | 3]} → {t.states[log.stateAfter as 0 | 1 | 2 | 3]}
                    </td>
                    <td className="py-2 tabular-nums">{when.format(log.dueAfter)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {history.pages > 1 && (
          <nav aria-label={t.cards.historyPages} className="flex items-center gap-4 text-sm">
            {history.page > 1 && (
              <Link href={`/cards/${card.id}?page=${history.page - 1}`} className="font-medium text-accent-700 underline dark:text-accent-300">
                ← {t.cards.newer}
              </Link>
            )}
            <span data-testid="history-page">{format(t.cards.pageOf, { page: history.page, pages: history.pages })}</span>
            {history.page < history.pages && (
              <Link href={`/cards/${card.id}?page=${history.page + 1}`} className="font-medium text-accent-700 underline dark:text-accent-300">
                {t.cards.older} →
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}
