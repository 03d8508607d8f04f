"use client";

/**
 * Shown when a page fails to render. Client-side, so it cannot read the language cookie; it shows both
 * languages, and never the error itself.
 */
export function ErrorPanel({ reset }: { reset: () => void }) {
  return (
    <div role="alert" className="space-y-4 rounded-xl border border-red-200 p-6 dark:border-red-900">
      <h1 className="text-xl font-semibold">Something went wrong · 出错了</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        The page could not be shown. Your progress is saved. · 页面无法显示。你的学习进度已保存。
      </p>
      <button
        type="button"
        onClick={reset}
        className="rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700"
      >
        Try again · 重试
      </button>
    </div>
  );
}
