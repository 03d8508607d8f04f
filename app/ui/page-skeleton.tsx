/** The loading state of every page: a neutral skeleton, so nothing jumps when the content arrives. */
export function PageSkeleton() {
  return (
    <div role="status" aria-live="polite" aria-label="Loading · 加载中" className="animate-pulse space-y-4">
      <div className="h-8 w-1/3 rounded-sm bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-4 w-2/3 rounded-sm bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-40 rounded-xl bg-zinc-100 dark:bg-zinc-900" />
    </div>
  );
}
