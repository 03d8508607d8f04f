import Link from "next/link";
import { format, type Messages } from "@/lib/i18n";
import { startTopicQuizAction } from "@/lib/quiz/actions";
import type { TopicProgress } from "@/lib/stats/compute";
import { percentFormat } from "./format";

type Labels = Messages["plan"]["progress"];
export type ProgressRow = TopicProgress & { name: string };

/** The three measures, each explained in one line, above any table or chart of them. */
export function ProgressExplained({ labels, recallHelp, drill = true }: { labels: Labels; recallHelp: string; drill?: boolean }) {
  return (
    <ul className="space-y-1 text-sm text-zinc-700 dark:text-zinc-300" data-testid="progress-explained">
      <li>{labels.coverageHelp}</li>
      <li>{labels.accuracyHelp}</li>
      <li>{recallHelp}</li>
      {drill && <li>{labels.drillHelp}</li>}
    </ul>
  );
}

/**
 * Per topic: coverage, recent accuracy and predicted recall, with "Drill this topic" (a quiz on the topic)
 * where the topic is below a threshold. The numbers of the chart above it, and the way to act on them.
 */
export function TopicProgressTable({
  rows,
  labels,
  locale,
  recallHeading,
}: {
  rows: ProgressRow[];
  labels: Labels;
  locale: string;
  /** the recall column's name ("Predicted recall", "Readiness") and the day it is for */
  recallHeading: { name: string; day: string };
}) {
  const percent = percentFormat(locale);
  return (
    <table className="w-full text-left text-xs tabular-nums sm:text-sm" data-testid="progress-table">
      <thead className="border-b border-zinc-200 dark:border-zinc-800">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">
            {labels.topic}
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            {labels.coverage}
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            {labels.accuracy}
          </th>
          <th scope="col" className="py-1 font-medium">
            {recallHeading.name}
            <span className="block text-xs font-normal text-zinc-600 dark:text-zinc-400">{recallHeading.day}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.topic} className="border-b border-zinc-100 align-top dark:border-zinc-900" data-testid={`progress-${row.topic}`}>
            {/* Smaller text on a phone lets the topic names fit; a name that still cannot breaks rather than overflow. */}
            <th scope="row" className="py-2 pr-3 font-normal hyphens-auto [overflow-wrap:anywhere]">
              <Link href={`/topics/${row.topic}`} className="font-medium hover:underline">
                {row.name}
              </Link>
              {row.drill && (
                <form action={startTopicQuizAction} className="mt-1">
                  <input type="hidden" name="topic" value={row.topic} />
                  <button
                    type="submit"
                    aria-label={`${labels.drill}: ${row.name}`}
                    className="rounded-md border border-accent-600 px-2 py-0.5 text-xs font-medium text-accent-700 hover:bg-accent-50 dark:border-accent-400 dark:text-accent-300 dark:hover:bg-zinc-800"
                  >
                    {labels.drill}
                  </button>
                </form>
              )}
            </th>
            <td className="py-2 pr-3" data-testid="coverage">
              {format(labels.seenOf, { seen: row.seen, cards: row.cards })}
            </td>
            <td className="py-2 pr-3" data-testid="accuracy">
              {row.accuracy === null ? (
                <span className="text-zinc-600 dark:text-zinc-400">{labels.noAnswers}</span>
              ) : (
                format(labels.accuracyOf, { percent: percent.format(row.accuracy), count: row.answers })
              )}
            </td>
            <td className="py-2" data-testid="recall">
              {percent.format(row.recall)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
