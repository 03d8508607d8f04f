import Link from "next/link";
import { StatTiles } from "@/app/ui/stat-tiles";
import { PlanAndLinks } from "./plan-and-links";
import { getLearner } from "@/lib/learner";
import { getStudyCounts } from "@/lib/srs/queries";
import { getMessages } from "@/lib/i18n/server";

export default async function HomePage() {
  const [{ lang, t }, learner] = await Promise.all([getMessages(), getLearner()]);
  const counts = await getStudyCounts(learner);
  const stats = [
    { label: t.home.dueToday, value: counts.due, testId: "due-today" },
    { label: t.home.newAvailable, value: counts.newAvailable, testId: "new-available" },
    { label: t.home.reviewsToday, value: counts.reviewsToday, testId: "reviews-today" },
  ];
  const hasWork = counts.due + counts.newAvailable > 0;
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-semibold tracking-tight text-balance">{t.home.title}</h1>
        <p className="max-w-2xl text-lg text-zinc-600 dark:text-zinc-400">{t.home.lead}</p>
      </section>
      <StatTiles tiles={stats} />
      <div className="flex flex-wrap items-center gap-3">
        {hasWork ? (
          <Link
            href="/study"
            className="rounded-lg bg-accent-600 px-5 py-3 font-medium text-white shadow-xs hover:bg-accent-700"
          >
            {t.home.study}
          </Link>
        ) : (
          <p className="text-zinc-600 dark:text-zinc-400">{t.home.nothingDue}</p>
        )}
        <Link href="/cards" className="rounded-lg px-4 py-3 font-medium text-accent-700 hover:bg-accent-50 dark:text-accent-300 dark:hover:bg-zinc-900">
          {t.home.browse}
        </Link>
      </div>
      <PlanAndLinks learner={learner} counts={counts} t={t} locale={lang === "zh" ? "zh-CN" : "en"} />
    </div>
  );
}
