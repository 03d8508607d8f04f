/**
 * The loading state of every page: a neutral skeleton, so nothing jumps when the content arrives.
 *
 * Pages that look an id up (/cards/[id], /quiz/[id], /topics/[topic]) have no skeleton on purpose: a streamed
 * skeleton sends the 200 status before the page can call notFound(), and an unknown id must get a real 404.
 * Their parents' skeletons therefore live in route groups (app/cards/(list), app/quiz/(builder),
 * app/topics/(index), app/(home)), which give a loading.tsx to one page without wrapping its siblings.
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
