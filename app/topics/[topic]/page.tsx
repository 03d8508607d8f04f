import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AnswerSides, CardHtml, McqOptionList } from "@/app/ui/cards/card-sides";
import { CardMeta, debatedMarker } from "@/app/ui/cards/card-meta";
import { formatDay, percentFormat } from "@/app/ui/progress/format";
import { ProgressExplained } from "@/app/ui/progress/topic-progress-table";
import { StatTiles } from "@/app/ui/stat-tiles";
import { format } from "@/lib/i18n";
import { getLearner } from "@/lib/learner";
import { getProgress } from "@/lib/stats";
import { listCards } from "@/lib/cards/queries";
import { TOPICS } from "@/lib/content/schema";
import { startTopicQuizAction } from "@/lib/quiz/actions";
import { getMessages } from "@/lib/i18n/server";

export async function generateMetadata({ params }: { params: Promise<{ topic: string }> }): Promise<Metadata> {
  const [{ topic: slug }, { t }] = await Promise.all([params, getMessages()]);
  const topic = TOPICS.find((known) => known === slug);
  return { title: topic ? t.topics[topic] : t.errors.notFoundTitle };
}

const DIFFICULTY_ORDER = { E: 0, M: 1, H: 2 } as const;

export default async function TopicPage({ params }: { params: Promise<{ topic: string }> }) {
  const [{ topic: slug }, { lang, t }] = await Promise.all([params, getMessages()]);
  const topic = TOPICS.find((known) => known === slug);
  if (!topic) notFound();
  const [cards, progress] = await Promise.all([listCards({ topic }, lang), getLearner().then((learner) => getProgress(learner))]);
  const mine = progress.topics.find((row) => row.topic === topic);
  const locale = lang === "zh" ? "zh-CN" : "en";
  const percent = percentFormat(locale);
  const p = t.plan.progress;
  const day = formatDay(progress.recallDay.day, locale);
  // A study guide teaches before it tests: explanations easy to hard, then questions easy to hard.
  const byDifficulty = (a: (typeof cards)[number], b: (typeof cards)[number]) => DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty];
  const sections = [
    { title: t.topicGuide.ideas, cards: cards.filter((card) => card.type === "concept").toSorted(byDifficulty) },
    { title: t.topicGuide.practice, cards: cards.filter((card) => card.type !== "concept").toSorted(byDifficulty) },
  ].filter((section) => section.cards.length > 0);
  return (
    <div className="space-y-8">
      <Link href="/topics" className="text-sm font-medium text-accent-700 underline dark:text-accent-300">
        ← {t.topicGuide.all}
      </Link>
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t.topics[topic]}</h1>
        <p className="max-w-2xl text-zinc-600 dark:text-zinc-400">{t.topicIntros[topic]}</p>
        <div className="flex flex-wrap gap-3">
          <Link href={`/study?topic=${topic}`} className="rounded-lg bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700">
            {t.topicGuide.study}
          </Link>
          <Link
            href={`/topics/${topic}/cheatsheet`}
            className="rounded-lg border-2 border-accent-600 px-4 py-1.5 font-medium text-accent-700 hover:bg-accent-50 dark:text-accent-300 dark:hover:bg-zinc-900"
          >
            {t.cheatSheet.link}
          </Link>
          <form action={startTopicQuizAction}>
            <input type="hidden" name="topic" value={topic} />
            <button type="submit" className="rounded-lg border-2 border-accent-600 px-4 py-1.5 font-medium text-accent-700 hover:bg-accent-50 dark:text-accent-300 dark:hover:bg-zinc-900">
              {t.topicGuide.quiz}
            </button>
          </form>
        </div>
        {mine && (
          <div className="space-y-2 pt-2" data-testid="topic-progress">
            <StatTiles
              variant="inset"
              tiles={[
                { label: p.coverage, value: format(p.seenOf, { seen: mine.seen, cards: mine.cards }), testId: "topic-coverage" },
                {
                  label: p.accuracy,
                  value: mine.accuracy === null ? p.noAnswers : format(p.accuracyOf, { percent: percent.format(mine.accuracy), count: mine.answers }),
                  testId: "topic-accuracy",
                },
                { label: `${progress.recallDay.interview ? p.readinessColumn : p.recall} (${day})`, value: percent.format(mine.recall), testId: "topic-recall" },
              ]}
            />
            <ProgressExplained labels={p} recallHelp={format(progress.recallDay.interview ? p.readinessHelp : p.recallHelp, { day })} drill={false} />
          </div>
        )}
      </header>
      {sections.map((section, index) => (
        <section key={section.title} className="space-y-4" aria-labelledby={`guide-section-${index}`}>
          <h2 id={`guide-section-${index}`} className="text-lg font-semibold">
            {section.title}
          </h2>
          <ol className="space-y-4">
            {section.cards.map((card) => (
              <li key={card.id} className="space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800" data-testid="guide-card">
                <CardMeta topic={t.quiz.typeNames[card.type]} difficulty={t.difficulties[card.difficulty]} debated={debatedMarker(card, t.debates)} />
                <Link href={`/cards/${card.id}`} className="block font-medium hover:underline">
                  <CardHtml html={card.sides.question} />
                </Link>
                <details className="group">
                  <summary className="cursor-pointer text-sm font-medium text-accent-700 dark:text-accent-300">{t.topicGuide.showAnswer}</summary>
                  <div className="mt-3 space-y-4">
                    {card.options && <McqOptionList options={card.options} labels={{ correct: t.quiz.correct, whyWrong: t.quiz.whyWrong }} />}
                    <AnswerSides sides={card.sides} labels={t.study} />
                  </div>
                </details>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
