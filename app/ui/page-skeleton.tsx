/**
 * The loading state of every page: a neutral skeleton, so nothing jumps when the content arrives.
 *
 * Pages that look an id up (/cards/[id], /quiz/[id], /topics/[topic]) have no skeleton on purpose: a streamed
 * skeleton sends the 200 status before the page can call notFound(), and an unknown id must get a real 404.
 * Their parents' skeletons therefore live in route groups (app/quiz/(builder), app/topics/(index), app/(home)),
 * which give a loading.tsx to one page without wrapping its siblings.
 *
 * /cards, /stats and /calculator have none either: their data takes milliseconds, and when a skeleton had been
 * painted React reveals the streamed content only 300 ms after that first paint, so on a first visit the
 * skeleton held the page back (largest contentful paint 2.4 s → 0.9–1.7 s in Lighthouse's phone preset).
 */
export function PageSkeleton() {
  return (
    <div role="status" aria-live="polite" aria-label="Loading · 加载中" className="animate-pulse space-y-4">
      <div className="h-8 w-1/3 rounded-sm bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-4 w-2/3 rounded-sm bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-40 rounded-xl bg-zinc-100 dark:bg-zinc-900" />
    </div>
  );
}
