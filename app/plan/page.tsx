import type { Metadata } from "next";
import Link from "next/link";
import { StatTiles } from "@/app/ui/stat-tiles";
import { formatDay, percentFormat } from "@/app/ui/progress/format";
import { ProgressExplained, TopicProgressTable } from "@/app/ui/progress/topic-progress-table";
import { addDays } from "@/lib/calendar";
import { format } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { getLearner } from "@/lib/learner";
import { MAX_INTERVIEW_DAYS } from "@/lib/learner/interview-date";
import { getPlanOverview, type PlanOverview } from "@/lib/stats";
import { InterviewDateForm } from "./interview-date-form";

export const metadata: Metadata = { title: "Plan" };

/** What the plan asks of today, in one or two sentences, honest about what cannot be done. */
function PlanSummary({ overview, t, locale }: { overview: PlanOverview; t: Awaited<ReturnType<typeof getMessages>>["t"]; locale: string }) {
  const l = t.plan;
  const { plan } = overview;
  const day = (key: string) => formatDay(key, locale);
  if (overview.passed) return <p>{format(l.interviewPassed, { date: day(overview.interviewDate!) })}</p>;
  if (!plan) return <p>{format(l.noDate, { limit: overview.newCardsPerDay })}</p>;
  const lines: string[] = [];
  if (plan.daysLeft === 0) lines.push(l.interviewToday);
  else if (overview.unseen + overview.newToday === 0) lines.push(l.allSeen);
  else if (plan.lastIntroductionDay === null) lines.push(l.tooClose);
  else if (plan.late > 0) lines.push(format(l.paceLimited, { needed: plan.needed, limit: overview.newCardsPerDay, late: plan.late }));
  else lines.push(format(l.pace, { perDay: plan.newPerDay, by: day(plan.introducedBy ?? overview.today) }));
  if (plan.daysLeft > 1) lines.push(format(l.eve, { eve: day(addDays(plan.interviewDay, -1)) }));
  return (
    <div className="space-y-2" data-testid="plan-summary">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

export default async function PlanPage() {
  const [{ lang, t }, learner] = await Promise.all([getMessages(), getLearner()]);
  const overview = await getPlanOverview(learner);
  const locale = lang === "zh" ? "zh-CN" : "en";
  const l = t.plan;
  const percent = percentFormat(locale);
  const { plan, progress } = overview;
  const recallDay = formatDay(progress.recallDay.day, locale);
  const rows = progress.topics.map((row) => ({ ...row, name: t.topics[row.topic] }));
  const hasWork = overview.due + overview.newAvailable > 0;
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{l.title}</h1>
        <p className="max-w-2xl text-zinc-600 dark:text-zinc-400">{plan ? l.leadDate : l.leadNoDate}</p>
      </header>

      <InterviewDateForm
        date={overview.passed ? null : overview.interviewDate}
        min={overview.today}
        max={addDays(overview.today, MAX_INTERVIEW_DAYS)}
        labels={l}
      />

      <section aria-labelledby="today-title" className="space-y-4 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 id="today-title" className="text-lg font-semibold">
          {plan ? (
            <>
              {format(l.interviewOn, { date: formatDay(plan.interviewDay, locale) })}
              {plan.daysLeft > 0 && " "}
              {plan.daysLeft > 0 && (
                <span className="font-normal text-zinc-600 dark:text-zinc-400" data-testid="days-left">
                  · {format(l.daysLeft, { count: plan.daysLeft })}
                </span>
              )}
            </>
          ) : (
            l.today
          )}
        </h2>
        <StatTiles
          variant="inset"
          tiles={[
            { label: l.newToday, value: overview.newAvailable, testId: "plan-new-today" },
            { label: l.dueToday, value: overview.due, testId: "plan-due-today" },
            {
              label: l.unseen,
              value: (
                <>
                  {overview.unseen}
                  <span className="block text-sm font-normal text-zinc-600 dark:text-zinc-400">{format(l.mustKnowUnseen, { count: overview.mustKnowUnseen })}</span>
                </>
              ),
              testId: "plan-unseen",
            },
          ]}
        />
        <PlanSummary overview={overview} t={t} locale={locale} />
        {hasWork && (
          <Link href="/study" className="inline-block rounded-lg bg-accent-600 px-5 py-2.5 font-medium text-white hover:bg-accent-700">
            {l.studyNow}
          </Link>
        )}
      </section>

      <section aria-labelledby="readiness-title" className="space-y-4" data-testid="readiness">
        <h2 id="readiness-title" className="text-lg font-semibold">
          {l.readiness}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{l.readinessLead}</p>
        <StatTiles
          variant="inset"
          className="sm:grid-cols-2"
          tiles={[
            { label: progress.recallDay.interview ? l.overall : `${l.progress.recall} (${recallDay})`, value: percent.format(progress.totals.recall), testId: "overall-readiness" },
            { label: l.progress.coverage, value: format(l.progress.seenOf, { seen: progress.totals.seen, cards: progress.totals.cards }), testId: "overall-coverage" },
          ]}
        />
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{format(l.overallLead, { day: recallDay })}</p>
        <ProgressExplained labels={l.progress} recallHelp={format(progress.recallDay.interview ? l.progress.readinessHelp : l.progress.recallHelp, { day: recallDay })} />
        <TopicProgressTable rows={rows} labels={l.progress} locale={locale} recallHeading={{ name: progress.recallDay.interview ? l.progress.readinessColumn : l.progress.recall, day: recallDay }} />
      </section>
    </div>
  );
}
