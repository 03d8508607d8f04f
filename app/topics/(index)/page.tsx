import Link from "next/link";
import { formatDay, percentFormat } from "@/app/ui/progress/format";
import { countCardsByTopic } from "@/lib/cards/queries";
import { TOPICS } from "@/lib/content/schema";
import { format } from "@/lib/i18n";
import { getMessages, titled } from "@/lib/i18n/server";
import { getLearner } from "@/lib/learner";
import { getProgress, type TopicProgress } from "@/lib/stats";

export const generateMetadata = titled((t) => t.topicGuide.title);

export default async function TopicsPage() {
  const [{ lang, t }, counts, learner] = await Promise.all([getMessages(), countCardsByTopic(), getLearner()]);
  const progress = await getProgress(learner);
  const locale = lang === "zh" ? "zh-CN" : "en";
  const percent = percentFormat(locale);
  const day = formatDay(progress.recallDay.day, locale);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t.topicGuide.title}</h1>
        <p className="max-w-2xl text-zinc-600 dark:text-zinc-400">{t.topicGuide.lead}</p>
      </header>
      <ul className="grid gap-3 sm:grid-cols-2">
        {TOPICS.map((topic) => (
          <li key={topic} className="relative rounded-xl border border-zinc-200 p-4 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900">
            <h2 className="font-semibold">
              <Link href={`/topics/${topic}`} className="after:absolute after:inset-0">
                {t.topics[topic]}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t.topicIntros[topic]}</p>
            <p className="mt-2 text-xs font-medium text-accent-700 dark:text-accent-300">{format(t.topicGuide.cardCount, { count: counts[topic] ?? 0 })}</p>
            <TopicLine row={progress.topics.find((row) => row.topic === topic)} template={t.plan.progress.guideLine} day={day} percent={percent} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** How far the learner has got with a topic: cards seen and the recall FSRS predicts, with a bar for coverage. */
function TopicLine({ row, template, day, percent }: { row?: TopicProgress; template: string; day: string; percent: Intl.NumberFormat }) {
  if (!row) return null;
  return (
    <div className="mt-2 space-y-1" data-testid={`topic-progress-${row.topic}`}>
      <p className="text-xs text-zinc-700 dark:text-zinc-300">{format(template, { seen: row.seen, cards: row.cards, recall: percent.format(row.recall), day })}</p>
      <div className="h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden="true">
        <div className="h-full bg-accent-600" style={{ width: `${Math.round(row.coverage * 100)}%` }} />
      </div>
    </div>
  );
}
