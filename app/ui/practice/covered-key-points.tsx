import { format, type Messages } from "@/lib/i18n";

/** On a quiz result: the key points an explain answer was ticked as covering, each marked by a sign and a word. */
export function CoveredKeyPoints({ points, covered, labels }: { points: string[]; covered: number[]; labels: Messages["practice"]["keyPoints"] & { title: string } }) {
  return (
    <section data-testid="covered-key-points">
      <h3 className="mb-1 text-sm font-semibold text-zinc-600 uppercase dark:text-zinc-400">{labels.title}</h3>
      {/* Ticks name key points by place; a card edited since may have fewer, and those ticks count for nothing. */}
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
        {format(labels.coveredCount, { ticked: covered.filter((index) => index < points.length).length, total: points.length })}
      </p>
      <ul className="space-y-1">
        {points.map((html, index) => {
          const hit = covered.includes(index);
          return (
            <li key={index} className="flex items-start gap-2" data-covered={String(hit)}>
              <span aria-hidden="true" className={`w-4 shrink-0 font-bold ${hit ? "text-emerald-700 dark:text-emerald-400" : "text-zinc-500 dark:text-zinc-400"}`}>
                {hit ? "✓" : "○"}
              </span>
              <span className="card-prose" dangerouslySetInnerHTML={{ __html: html }} />
              <span className="sr-only">({hit ? labels.covered : labels.missed})</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
