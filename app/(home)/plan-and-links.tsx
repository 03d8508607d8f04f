import Link from "next/link";
import { formatDay, percentFormat } from "@/app/ui/progress/format";
import { format, type Messages } from "@/lib/i18n";
import type { LearnerRef } from "@/lib/learner";
import type { StudyCounts } from "@/lib/srs/queries";
import { getProgress } from "@/lib/stats";

/** The learner's plan in a line, and the ways into the rest of the app beside study and the deck. */
export async function PlanAndLinks({ learner, counts, t, locale }: { learner: LearnerRef; counts: StudyCounts; t: Messages; locale: string }) {
  const h = t.plan.home;
  const { plan } = counts;
  const readiness = plan ? (await getProgress(learner)).totals.recall : null;
  const links = [
    { href: "/plan", label: h.plan, help: h.planHelp },
    { href: "/quiz", label: h.quiz, help: h.quizHelp },
    { href: "/quiz#interview-title", label: h.interview, help: h.interviewHelp },
    { href: "/calculator", label: h.calculator, help: h.calculatorHelp },
    { href: "/topics", label: h.topics, help: h.topicsHelp },
  ];
  return (
    <>
      <p className="max-w-2xl" data-testid="home-plan">
        {plan && readiness !== null ? (
          <>
            {format(h.planSummary, {
              date: formatDay(plan.interviewDay, locale),
              days: plan.daysLeft === 0 ? t.plan.interviewToday : format(t.plan.daysLeft, { count: plan.daysLeft }),
              readiness: percentFormat(locale).format(readiness),
            })}{" "}
            <Link href="/plan" className="font-medium text-accent-700 underline dark:text-accent-300">
              {h.plan}
            </Link>
          </>
        ) : (
          <>
            {h.noPlan}{" "}
            <Link href="/plan" className="font-medium text-accent-700 underline dark:text-accent-300">
              {t.plan.setDate}
            </Link>
          </>
        )}
      </p>
      <nav aria-labelledby="more-title" className="space-y-3">
        <h2 id="more-title" className="text-lg font-semibold">
          {h.more}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {links.map((link) => (
            <li key={link.href} className="relative rounded-xl border border-zinc-200 p-4 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900">
              <Link href={link.href} className="font-medium text-accent-700 after:absolute after:inset-0 dark:text-accent-300">
                {link.label}
              </Link>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{link.help}</p>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
