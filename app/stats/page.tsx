import Link from "next/link";
import { getLearner } from "@/lib/learner";
import { addDays } from "@/lib/calendar";
import { MAX_INTERVIEW_DAYS } from "@/lib/learner/interview-date";
import { getStats, type RetentionGroup } from "@/lib/stats";
import { CalendarHeatmap } from "./calendar-heatmap";
import { NumbersTable } from "@/app/ui/numbers-table";
import { DayBars, GRADE_COLORS, LEARNING_COLOR, REVIEW_COLOR } from "./day-bars";
import { QuizScoresChart } from "./lazy-charts";
import { RecallDayForm } from "./recall-day-form";
import { formatDay } from "@/app/ui/progress/format";
import { TopicProgressChart } from "@/app/ui/progress/topic-progress-chart";
import { ProgressExplained, TopicProgressTable } from "@/app/ui/progress/topic-progress-table";
import { format } from "@/lib/i18n";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.stats.title);

function Section({ id, title, lead, children }: { id: string; title: string; lead: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" data-testid={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{lead}</p>
      {children}
    </section>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rounded-md bg-zinc-50 p-3 text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">{children}</p>;
}

/** The numbers behind a chart, for screen readers and anyone who prefers them. */
function DataTable({ summary, head, rows, testId }: { summary: string; head: string[]; rows: (string | number)[][]; testId: string }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer rounded-sm py-1 font-medium text-accent-700 dark:text-accent-300">{summary}</summary>
      <div className="mt-2 max-h-80 overflow-auto">
        <NumbersTable head={head} rows={rows} testId={testId} />
      </div>
    </details>
  );
}

export default async function StatsPage({ searchParams }: { searchParams: Promise<{ day?: string | string[] }> }) {
  const [{ lang, t }, learner, { day }] = await Promise.all([getMessages(), getLearner(), searchParams]);
  const stats = await getStats(learner, new Date(), typeof day === "string" ? day : undefined);
  const s = t.stats;
  const locale = lang === "zh" ? "zh-CN" : "en";
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const rate = (group: RetentionGroup) => (group.rate === null ? s.none : percent.format(group.rate));

  const studyDays = stats.calendar.filter((day) => day.reviews > 0);
  const ratingsDays = stats.ratings.filter((day) => day.again + day.hard + day.good + day.easy > 0);
  const forecastDays = stats.forecast.filter((day) => day.learning + day.review > 0);
  const p = t.plan.progress;
  const progress = stats.progress.topics.map((row) => ({ ...row, name: t.topics[row.topic] }));
  const recallDay = formatDay(stats.recallDay.day, locale);
  const recallHelp = format(stats.recallDay.interview ? p.readinessHelp : p.recallHelp, { day: recallDay });
  const recallHeading = { name: stats.recallDay.interview ? p.readinessColumn : p.recall, day: recallDay };

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{s.title}</h1>
        <p className="text-zinc-600 dark:text-zinc-400">{s.lead}</p>
        <dl className="flex flex-wrap gap-6 pt-2">
          <div>
            <dt className="text-sm text-zinc-600 dark:text-zinc-400">{s.reviewsToday}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid="stats-reviews-today">
              {stats.reviewsToday}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-zinc-600 dark:text-zinc-400">{s.totalReviews}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid="stats-total-reviews">
              {stats.totalReviews}
            </dd>
          </div>
        </dl>
      </header>

      <Section id="calendar" title={s.calendar} lead={s.calendarLead}>
        {studyDays.length === 0 ? (
          <Empty>
            {s.calendarEmpty}{" "}
            <Link href="/study" className="font-medium text-accent-700 underline dark:text-accent-300">
              {t.home.study}
            </Link>
          </Empty>
        ) : (
          <>
            <figure className="text-zinc-600 dark:text-zinc-400">
              <CalendarHeatmap days={stats.calendar} labels={{ title: s.calendar, cell: s.calendarCell, less: s.less, more: s.more }} />
              <figcaption className="text-sm text-zinc-800 dark:text-zinc-200">
                {format(s.calendarSummary, { days: studyDays.length, reviews: studyDays.reduce((sum, day) => sum + day.reviews, 0) })}
              </figcaption>
            </figure>
            <DataTable summary={s.showTable} head={[s.day, s.reviews]} rows={studyDays.toReversed().map((day) => [day.day, day.reviews])} testId="calendar-table" />
          </>
        )}
      </Section>

      <Section id="ratings" title={s.ratings} lead={s.ratingsLead}>
        {ratingsDays.length === 0 ? (
          <Empty>{s.ratingsEmpty}</Empty>
        ) : (
          <>
            <figure className="text-zinc-600 dark:text-zinc-400">
              <DayBars
                days={stats.ratings}
                series={(["again", "hard", "good", "easy"] as const).map((grade) => ({ key: grade, label: s.grades[grade], color: GRADE_COLORS[grade] }))}
                locale={locale}
                labels={{ title: s.ratings }}
              />
            </figure>
            <DataTable
              summary={s.showTable}
              head={[s.day, s.grades.again, s.grades.hard, s.grades.good, s.grades.easy]}
              rows={ratingsDays.toReversed().map((day) => [day.day, day.again, day.hard, day.good, day.easy])}
              testId="ratings-table"
            />
          </>
        )}
      </Section>

      <Section id="forecast" title={s.forecast} lead={s.forecastLead}>
        {forecastDays.length === 0 ? (
          <Empty>{s.forecastEmpty}</Empty>
        ) : (
          <>
            <figure className="text-zinc-600 dark:text-zinc-400">
              <DayBars
                days={stats.forecast}
                series={[
                  { key: "learning", label: s.learning, color: LEARNING_COLOR },
                  { key: "review", label: s.review, color: REVIEW_COLOR },
                ]}
                locale={locale}
                labels={{ title: s.forecast }}
              />
            </figure>
            <DataTable
              summary={s.showTable}
              head={[s.day, s.learning, s.review]}
              rows={forecastDays.map((day) => [day.day, day.learning, day.review])}
              testId="forecast-table"
            />
          </>
        )}
      </Section>

      <Section id="retention" title={s.retention} lead={s.retentionLead}>
        {stats.retention.all.reviews === 0 ? (
          <Empty>{s.retentionEmpty}</Empty>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm tabular-nums" data-testid="retention-table">
              <thead className="border-b border-zinc-200 dark:border-zinc-800">
                <tr>
                  <td />
                  <th scope="col" className="py-1 pr-4 font-medium">{s.reviews}</th>
                  <th scope="col" className="py-1 pr-4 font-medium">{s.passed}</th>
                  <th scope="col" className="py-1 pr-4 font-medium">{s.rate}</th>
                </tr>
              </thead>
              <tbody>
                {(["young", "mature", "all"] as const).map((group) => (
                  <tr key={group} className="border-b border-zinc-100 dark:border-zinc-900">
                    <th scope="row" className="py-1 pr-4 font-medium">{s[group]}</th>
                    <td className="py-1 pr-4">{stats.retention[group].reviews}</td>
                    <td className="py-1 pr-4">{stats.retention[group].passed}</td>
                    <td className="py-1 pr-4 text-lg font-semibold">{rate(stats.retention[group])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section id="progress" title={p.title} lead={p.lead}>
        <RecallDayForm
          day={stats.recallDay.day}
          min={addDays(stats.recallDay.today, 1)}
          max={addDays(stats.recallDay.today, MAX_INTERVIEW_DAYS)}
          refused={stats.recallDay.refused ? format(p.dayRefused, { day: recallDay }) : null}
          labels={p}
        />
        <ProgressExplained labels={p} recallHelp={recallHelp} />
        <figure className="text-zinc-600 dark:text-zinc-400">
          <TopicProgressChart
            topics={progress}
            labels={{ title: p.chartTitle, coverage: p.coverage, accuracy: p.accuracy, recall: `${p.recall} (${recallDay})` }}
          />
        </figure>
        <TopicProgressTable rows={progress} labels={p} locale={locale} recallHeading={recallHeading} />
      </Section>

      <Section id="quiz-scores" title={s.quizScores} lead={s.quizScoresLead}>
        {stats.quizScores.length === 0 ? (
          <Empty>
            {s.quizScoresEmpty}{" "}
            <Link href="/quiz" className="font-medium text-accent-700 underline dark:text-accent-300">
              {t.nav.quiz}
            </Link>
          </Empty>
        ) : (
          <>
            <figure className="text-zinc-600 dark:text-zinc-400">
              <QuizScoresChart scores={stats.quizScores} topicNames={t.topics} locale={locale} labels={{ title: s.quizScores }} />
            </figure>
            <DataTable
              summary={s.showTable}
              head={[s.finished, s.topic, s.score]}
              rows={stats.quizScores.toReversed().map((row) => [
                when.format(new Date(row.finishedAt)),
                t.topics[row.topic],
                `${row.points} / ${row.questions} (${Math.round(row.percent)}%)`,
              ])}
              testId="quiz-scores-table"
            />
          </>
        )}
      </Section>
    </div>
  );
}
