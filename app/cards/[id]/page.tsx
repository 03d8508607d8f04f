import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCard, listReviewHistory } from "@/lib/cards/queries";
import { getLearnerId } from "@/lib/learner";
import { AnswerSides, CardHtml, McqOptionList } from "@/app/ui/cards/card-sides";
import { CardMeta } from "@/app/ui/cards/card-meta";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Card" };

export default async function CardPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { lang, t }, learnerId] = await Promise.all([params, getMessages(), getLearnerId()]);
  const [card, history] = await Promise.all([getCard(id, lang), listReviewHistory(learnerId, id)]);
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
          <CardMeta topic={t.topics[card.topic]} difficulty={t.difficulties[card.difficulty]} />
          <div role="heading" aria-level={1} className="text-xl font-semibold">
            <CardHtml html={card.sides.question} />
          </div>
        </header>
        {card.options && <McqOptionList options={card.options} labels={{ correct: t.quiz.correct, whyWrong: t.quiz.whyWrong }} />}
        <section aria-label={t.study.answer}>
          <AnswerSides sides={card.sides} labels={t.study} />
        </section>
        <footer className="space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
          <h2 className="font-semibold text-zinc-800 dark:text-zinc-200">{t.cards.sources}</h2>
          <ul className="list-disc space-y-1 pl-5">
            {card.sources.map((source) => (
              <li key={source}>{source}</li>
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
        {history.length === 0 ? (
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
                {history.map((log) => (
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
      </section>
    </div>
  );
}
